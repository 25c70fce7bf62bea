import { ContractViolationError } from '../shared/contract-violation-error';
import { cloneBody, loadFixture, loadFixtures } from '../testing/fixtures';
import { TEST_ACCOUNT_REFS } from '../testing/account-refs';
import { applicationOf } from './application-payload.schema';
import { isKnownCredfinCrawlerStatus } from './crawler-status';
import { parseCredfinEvent } from './credfin-event';

// Fixtures from seed 000. The seed prints its examples with line numbers and without the first and
// last brace lines: they were reconstructed by dropping the numbers and restoring the braces, values
// unchanged (application.bundle_ready, summary.report_ready, application.report_ready,
// analysis.report_ready, account-owner-success, account-owner-failed). account.numbers_ready and
// account.balances_ready: the seed shows only the account list; it is wrapped, verbatim, in the
// documented envelope { "event", "payload" }.

function violation(fn: () => unknown): ContractViolationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContractViolationError) return error;
    throw error;
  }
  throw new Error('expected a ContractViolationError');
}

describe('Credfin events', () => {
  it.each(loadFixtures('credfin').map((f) => [f.file, f] as const))(
    '%s parses as a known event',
    (_file, fixture) => {
      const event = parseCredfinEvent(fixture.body);
      expect(event.known).toBe(true);
    },
  );

  it('types the application payload of bundle_ready', () => {
    const event = parseCredfinEvent(loadFixture('credfin', 'application.bundle_ready.json').body);
    if (!event.known || event.eventName !== 'application.bundle_ready') throw new Error('wrong event');
    expect(event.payload.id).toBe(961194);
    expect(event.payload.vendor_specific_id).toBe('200120c');
    expect(event.payload.crawler?.[0].status).toBe('COMPLETED');
    expect(event.payload.finalised).toBe(true);
  });

  it('parses summary.report_ready, application.report_ready and analysis.report_ready', () => {
    for (const name of ['summary.report_ready', 'application.report_ready'] as const) {
      const event = parseCredfinEvent(loadFixture('credfin', `${name}.json`).body);
      expect(event).toMatchObject({ known: true, eventName: name, payload: { id: 961194 } });
    }
    const analysis = parseCredfinEvent(loadFixture('credfin', 'analysis.report_ready.json').body);
    expect(analysis).toMatchObject({
      known: true,
      eventName: 'analysis.report_ready',
      payload: { id: 22749, time: '2020-01-21T12:52:47.779186+11:00', vendor_specific_id: '200120c' },
    });
  });

  it('parses balances into exact cents', () => {
    const event = parseCredfinEvent(loadFixture('credfin', 'account.balances_ready.json').body);
    if (!event.known || event.eventName !== 'account.balances_ready' || !Array.isArray(event.payload))
      throw new Error('wrong');
    expect(event.payload).toHaveLength(2);
    expect(event.payload[0].balance).toEqual({ currency: 'AUD', minor: 398n, scale: 0 });
    expect(event.payload[0].available).toEqual({ currency: 'AUD', minor: 398n, scale: 0 });

    const object = parseCredfinEvent(
      loadFixture('credfin', 'account.balances_ready.object.constructed.json').body,
    );
    if (!object.known || object.eventName !== 'account.balances_ready' || Array.isArray(object.payload))
      throw new Error('wrong');
    expect(object.payload.accounts[0].balance).toEqual({ currency: 'AUD', minor: -1250n, scale: 0 });
    expect(object.payload.accounts[0].available).toBeUndefined();
    expect(object.payload.accounts[1].available).toBeUndefined();
    expect(object.payload.accounts[1].balance?.minor).toBe(102400n);
  });

  it('parses both account-owner forms, bare and enveloped', () => {
    const success = parseCredfinEvent(loadFixture('credfin', 'account-owner-success.json').body);
    expect(success).toMatchObject({
      known: true,
      eventName: 'account.account_owner',
      payload: { status: 'success', accountOwnerInfo: { bsb: '325185', number: '03531384' } },
    });
    const failed = parseCredfinEvent(loadFixture('credfin', 'account-owner-failed.json').body);
    expect(failed).toMatchObject({ payload: { status: 'failed', errorMessage: 'No eStatements available' } });
    const enveloped = parseCredfinEvent(
      loadFixture('credfin', 'account.account_owner.constructed.json').body,
    );
    expect(enveloped).toEqual(success);
  });

  it('keeps unknown crawler statuses and unknown fields', () => {
    const body = cloneBody('credfin', 'crawler.lifecycle_updated.constructed.json') as {
      payload: { crawler: { status: string }[]; brand_new_field?: string };
    };
    body.payload.crawler[0].status = 'MFA_REQUIRED';
    body.payload.brand_new_field = 'kept';
    const event = parseCredfinEvent(body);
    if (!event.known || event.eventName !== 'crawler.lifecycle_updated') throw new Error('wrong');
    expect(applicationOf(event.payload).crawler?.[0].status).toBe('MFA_REQUIRED');
    expect(isKnownCredfinCrawlerStatus('MFA_REQUIRED')).toBe(false);
    expect(isKnownCredfinCrawlerStatus('TIMEDOUT')).toBe(true);
    expect(event.payload.brand_new_field).toBe('kept');
  });

  it('reads a crawler-shaped crawler event as its application with that one crawler, keeping its fields', () => {
    for (const file of [
      'crawler.lifecycle_updated.crawler-shaped.constructed.json',
      'crawler.seed_created.crawler-shaped.constructed.json',
    ]) {
      const event = parseCredfinEvent(loadFixture('credfin', file).body);
      if (
        !event.known ||
        (event.eventName !== 'crawler.lifecycle_updated' && event.eventName !== 'crawler.seed_created')
      )
        throw new Error('wrong');
      const application = applicationOf(event.payload);
      expect(application.id).toBe(961194);
      expect(application.crawler).toHaveLength(1);
      expect(application.crawler?.[0]).toMatchObject({ application: 961194, uuid: expect.any(String) });
    }
  });

  it('accepts what Credfin may really send: null owner fields, spaced or dashed BSBs, the seed alias', () => {
    const owner = parseCredfinEvent(
      loadFixture('credfin', 'account-owner-failed.null-fields.constructed.json').body,
    );
    expect(owner).toMatchObject({ payload: { errorMessage: null, fileLocation: null } });
    const alias = parseCredfinEvent(
      loadFixture('credfin', 'application.account.numbers_ready.constructed.json').body,
    );
    expect(alias).toMatchObject({ known: true, eventName: 'application.account.numbers_ready' });
    // Every written form of one BSB gives one account reference.
    expect(
      new Set(['062692', '062-692', '062 692'].map((bsb) => TEST_ACCOUNT_REFS.of(bsb, '44520485'))).size,
    ).toBe(1);
    const body = cloneBody('credfin', 'account.balances_ready.json') as { payload: { bsb: string }[] };
    body.payload[0].bsb = '06 2692';
    expect(violation(() => parseCredfinEvent(body)).issues[0].path).toBe('payload.0.bsb');
  });

  it('recognises unknown event types without failing', () => {
    expect(parseCredfinEvent({ event: 'estatement.ready', payload: { id: 1 } })).toEqual({
      provider: 'credfin',
      known: false,
      eventName: 'estatement.ready',
      body: { event: 'estatement.ready', payload: { id: 1 } },
    });
    expect(parseCredfinEvent({ event: 'constructor' }).known).toBe(false);
  });

  it('names the field path of a missing application id', () => {
    const body = cloneBody('credfin', 'application.bundle_ready.json') as {
      payload: Record<string, unknown>;
    };
    delete body.payload.id;
    const error = violation(() => parseCredfinEvent(body));
    expect(error.issues).toEqual([{ path: 'payload.id', message: 'expected number, received undefined' }]);
    expect(error.message).toContain('payload.id: expected number');
  });

  it('names the field path of a wrongly typed id', () => {
    const body = cloneBody('credfin', 'application.bundle_ready.json') as {
      payload: Record<string, unknown>;
    };
    body.payload.id = '961194';
    expect(violation(() => parseCredfinEvent(body)).message).toContain(
      'payload.id: expected number, received string',
    );
  });

  it('names the field path of a malformed amount', () => {
    const body = cloneBody('credfin', 'account.balances_ready.json') as {
      payload: Record<string, unknown>[];
    };
    body.payload[1].balance = '12abc';
    const error = violation(() => parseCredfinEvent(body));
    expect(error.issues).toEqual([{ path: 'payload.1.balance', message: 'malformed amount "12abc"' }]);
  });

  it('names the field path inside the object form of an account list', () => {
    const body = cloneBody('credfin', 'account.balances_ready.object.constructed.json') as {
      payload: { accounts: Record<string, unknown>[] };
    };
    body.payload.accounts[0].bsb = 12;
    expect(violation(() => parseCredfinEvent(body)).issues[0].path).toBe('payload.accounts.0.bsb');
  });

  it('rejects a non-object body and a non-string event', () => {
    expect(() => parseCredfinEvent('x')).toThrow(ContractViolationError);
    expect(violation(() => parseCredfinEvent({ event: 3 })).issues[0].path).toBe('event');
  });
});
