import { ContractViolationError } from '../shared/contract-violation-error';
import { cloneBody, loadFixture, loadFixtures } from '../testing/fixtures';
import { parseBridgeEvent } from './bridge-event';
import { bridgeTimestampToIso } from './bridge-timestamp';

// Fixture from seed 002, verbatim: TEST_EVENT. The other Bridge fixtures are constructed from
// ../shared/providers.md and Bridge's public webhook examples (item.created, item.account.*).

function violation(fn: () => unknown): ContractViolationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContractViolationError) return error;
    throw error;
  }
  throw new Error('expected a ContractViolationError');
}

describe('Bridge events', () => {
  it.each(loadFixtures('bridge').map((f) => [f.file, f] as const))(
    '%s parses as a known event',
    (_f, fixture) => {
      expect(parseBridgeEvent(fixture.body).known).toBe(true);
    },
  );

  it('parses the seed TEST_EVENT, reading its timestamp as seconds', () => {
    const event = parseBridgeEvent(loadFixture('bridge', 'TEST_EVENT.json').body);
    expect(event).toEqual({
      provider: 'bridge',
      known: true,
      eventName: 'TEST_EVENT',
      canonicalName: 'TEST_EVENT',
      content: { item_id: 1234567890, status: 0, user_uuid: '9a95b38f-f98b-417a-988b-9d0d584893e7' },
      timestamp: 1611681789,
      occurredAt: '2021-01-26T17:23:09.000Z',
    });
  });

  it('normalises millisecond and second timestamps to the same instant', () => {
    expect(bridgeTimestampToIso(1612782588323)).toBe('2021-02-08T11:09:48.323Z');
    expect(bridgeTimestampToIso(1612782588)).toBe('2021-02-08T11:09:48.000Z');
  });

  it('parses balances to exact cents and maps legacy names', () => {
    const created = parseBridgeEvent(loadFixture('bridge', 'item.account.created.constructed.json').body);
    if (!created.known || created.eventName !== 'item.account.created') throw new Error('wrong');
    expect(created.content.balance).toEqual({ currency: 'EUR', minor: 167812n, scale: 0 });

    const legacy = parseBridgeEvent(loadFixture('bridge', 'ACCOUNT_CREATED.constructed.json').body);
    if (!legacy.known || legacy.eventName !== 'ACCOUNT_CREATED') throw new Error('wrong');
    expect(legacy.canonicalName).toBe('item.account.created');
    expect(legacy.content.balance).toEqual({ currency: 'EUR', minor: -3550n, scale: 0 });

    const updated = parseBridgeEvent(loadFixture('bridge', 'ACCOUNT_UPDATED.constructed.json').body);
    if (!updated.known || updated.eventName !== 'ACCOUNT_UPDATED') throw new Error('wrong');
    expect(updated.content.balance?.minor).toBe(10n);
  });

  it('recognises unknown types', () => {
    expect(parseBridgeEvent({ type: 'item.exploded', content: {}, timestamp: 1 })).toMatchObject({
      known: false,
      eventName: 'item.exploded',
    });
  });

  it('names the path of a missing id, a wrong type and a malformed amount', () => {
    const missing = cloneBody('bridge', 'item.created.constructed.json') as {
      content: Record<string, unknown>;
    };
    delete missing.content.item_id;
    expect(violation(() => parseBridgeEvent(missing)).issues[0].path).toBe('content.item_id');

    const wrongType = cloneBody('bridge', 'item.account.updated.constructed.json') as {
      content: Record<string, unknown>;
    };
    wrongType.content.account_id = '22908770';
    expect(violation(() => parseBridgeEvent(wrongType)).message).toContain(
      'content.account_id: expected number, received string',
    );

    const malformed = cloneBody('bridge', 'item.account.created.constructed.json') as {
      content: Record<string, unknown>;
    };
    malformed.content.balance = '12abc';
    expect(violation(() => parseBridgeEvent(malformed)).issues).toEqual([
      { path: 'content.balance', message: 'malformed amount "12abc"' },
    ]);

    const noTimestamp = cloneBody('bridge', 'TEST_EVENT.json');
    delete noTimestamp.timestamp;
    expect(violation(() => parseBridgeEvent(noTimestamp)).issues[0].path).toBe('timestamp');
  });
});
