import { Inject, Injectable } from '@nestjs/common';
import { AccountRefs } from '@ledgerhook/contracts';
import type { ConsumedEvent, InboundEvent, OutboxMessage } from '@ledgerhook/consumer';
import type { EntityManager } from 'typeorm';
import { finalizeApplications } from '../credfin/application-finalizer';
import { CREDFIN_ACCOUNT_ANALYSIS_TABLE, CREDFIN_APPLICATION_ACCOUNT_TABLE } from '../credfin/credfin.tables';
import { reportedAccountLinks } from '../credfin/reported-accounts';
import { upsertRows } from '../merge/merge-upsert';
import { applicationStateMessages } from '../credfin/application-state.outbox';
import { analysisLock, CredfinProjector } from '../credfin/credfin.projector';
import { BridgeProjector } from '../bridge/bridge.projector';
import { SeedCipher } from '../seeds/seed-cipher';
import { insertTimeline, type TimelineLinks, timelineRow } from '../timeline/timeline.writer';

/**
 * Projects a batch of Credfin and Bridge raw events (one partition, offset order) into the lifecycle
 * schema, inside the consumer's transaction, and returns the lending.applications.v1 records to
 * publish through the outbox.
 *
 * Per batch, whatever its size, a fixed number of statements: the timeline insert (which also drops
 * events already applied), one advisory-lock statement, one multi-row upsert per table, the
 * recomputation of touched applications, and one read of their accounts for the outbox. Logs nothing:
 * events carry personal data and credentials.
 */
@Injectable()
export class LifecycleProjection {
  /** What each provider's events name, for the timeline. */
  private readonly timelineLinks: TimelineLinks;

  constructor(
    @Inject(SeedCipher) private readonly seedCipher: SeedCipher,
    @Inject(AccountRefs) private readonly refs: AccountRefs,
  ) {
    this.timelineLinks = (event) =>
      event.provider === 'credfin'
        ? CredfinProjector.timelineRow(event, refs)
        : event.provider === 'bridge'
          ? BridgeProjector.timelineRow(event)
          : {};
  }

  async apply(manager: EntityManager, events: readonly InboundEvent[]): Promise<OutboxMessage[]> {
    if (events.length === 0) return [];
    const fresh = await insertTimeline(manager, events, this.timelineLinks);
    const credfin = new CredfinProjector(this.seedCipher, this.refs);
    const bridge = new BridgeProjector();
    const traceparents = new Map<string, string>();
    for (const event of events) {
      if (!fresh.has(event.attributes.id)) continue;
      if (event.provider === 'credfin') {
        credfin.add(event);
        const applicationId = timelineRow(event, this.timelineLinks).application_id;
        if (typeof applicationId === 'string') traceparents.set(applicationId, event.attributes.traceparent);
      } else if (event.provider === 'bridge') {
        bridge.add(event);
      }
      // creditchek is not this consumer's topic; its events would only be recorded in the timeline.
    }
    await lockAll(manager, credfin.lockNames());
    await credfin.write(manager);
    await bridge.write(manager);
    const applications = await finalizeApplications(manager, credfin.touched);
    return applicationStateMessages(manager, applications, traceparents);
  }

  /** Links applications to their accounts from the stored account reports (lending.reports.v1). */
  async applyReports(manager: EntityManager, events: readonly ConsumedEvent[]): Promise<OutboxMessage[]> {
    const { links, analyses, touched } = reportedAccountLinks(events);
    if (links.size === 0) return [];
    // The same locks as a Credfin batch naming these accounts or analyses (another partition, keyed
    // analysis:<id> without a vendor_specific_id): their joins never interleave.
    await lockAll(manager, [
      ...[...touched.accountRefs].map((ref) => `credfin:${ref}`),
      ...[...touched.analysisIds].map(analysisLock),
    ]);
    await upsertRows(manager, CREDFIN_APPLICATION_ACCOUNT_TABLE, links.values());
    await upsertRows(manager, CREDFIN_ACCOUNT_ANALYSIS_TABLE, analyses.values());
    const applications = await finalizeApplications(manager, touched);
    return applicationStateMessages(manager, applications, new Map());
  }
}

/**
 * Transaction-scoped advisory locks, in one statement and in a fixed order (no deadlock between two
 * batches): an owner message or a bare account list (keyed by account, another partition) and the
 * application's own events then never interleave their joins.
 */
async function lockAll(manager: EntityManager, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await manager.query(
    `SELECT count(pg_advisory_xact_lock(k)) FROM (
       SELECT DISTINCT hashtextextended(n, 0) AS k FROM unnest($1::text[]) AS n ORDER BY 1) AS ordered`,
    [names],
  );
}
