import { randomBytes } from 'node:crypto';
import { TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import type { InboundEvent } from '@ledgerhook/consumer';
import fc from 'fast-check';
import type { EntityManager } from 'typeorm';
import { BridgeProjector } from '../bridge/bridge.projector';
import { CredfinProjector } from '../credfin/credfin.projector';
import { CREDFIN_APPLICATION_TABLE } from '../credfin/credfin.tables';
import { SeedCipher } from '../seeds/seed-cipher';
import { credfinLifeCycleBodies } from '../testing/credfin-life-cycle';
import { contractFixtures, inboundEvent } from '../testing/inbound-event';

// The projectors fold a batch in memory before one statement per table: what they write must not
// depend on the order of the events in the batch. Writing goes to a recorder: the statements and
// their parameters are what is compared (their effect in PostgreSQL: lifecycle.projection.int-spec).
// An application's `first` columns (status, version, created/updated) are placeholders written on
// insert and recomputed from the database by the finalizer: they are left out of the comparison.
const RECOMPUTED = CREDFIN_APPLICATION_TABLE.columns.flatMap((column, i) =>
  column.rule.kind === 'first' ? [i] : [],
);
const cipher = new SeedCipher([{ id: 'k1', key: randomBytes(32) }]);
const start = Date.parse('2024-05-01T00:00:00.000Z');
const credfin: InboundEvent[] = [
  ...credfinLifeCycleBodies().map((body) => ({ provider: 'credfin' as const, body })),
  ...contractFixtures('credfin').map((fixture) => ({ provider: 'credfin' as const, body: fixture.raw })),
].map(({ provider, body }, i) => inboundEvent(provider, body, i, new Date(start + i * 1000)));
const bridge: InboundEvent[] = contractFixtures('bridge').map((fixture, i) =>
  inboundEvent('bridge', fixture.raw, i, new Date(start + i * 1000)),
);

async function statements(
  events: readonly InboundEvent[],
  projector: { add(event: InboundEvent): void; write(manager: EntityManager): Promise<void> },
): Promise<unknown[]> {
  const calls: unknown[] = [];
  const recorder = {
    query: async (sql: string, parameters: unknown[]) => {
      const recomputed = sql.startsWith(`INSERT INTO ${CREDFIN_APPLICATION_TABLE.table} `);
      calls.push([
        sql,
        parameters.map((values, i) => (recomputed && RECOMPUTED.includes(i) ? '(recomputed)' : values)),
      ]);
      return [];
    },
  } as unknown as EntityManager;
  for (const event of events) projector.add(event);
  await projector.write(recorder);
  return calls;
}

const permutation = <T>(items: readonly T[]) =>
  fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

describe('projector folds', () => {
  it('Credfin: the same statements whatever the order of a batch', async () => {
    const expected = await statements(credfin, new CredfinProjector(cipher, TEST_ACCOUNT_REFS));
    expect(expected.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(permutation(credfin), async (events) => {
        expect(await statements(events, new CredfinProjector(cipher, TEST_ACCOUNT_REFS))).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });

  it('Bridge: the same statements whatever the order of a batch', async () => {
    const expected = await statements(bridge, new BridgeProjector());
    await fc.assert(
      fc.asyncProperty(permutation(bridge), async (events) => {
        expect(await statements(events, new BridgeProjector())).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });
});
