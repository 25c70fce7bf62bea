import type { InboundEvent } from '@ledgerhook/kafka';
import type { EntityManager } from 'typeorm';
import { CredfinProjector } from '../applications/credfin.projector';
import { BridgeProjector } from '../bridge/bridge.projector';
import { eventContext } from '../projection/event-context';
import type { Row } from '../projection/merge-upsert';

const COLUMNS = [
  ['ce_id', 'text'],
  ['provider', 'text'],
  ['event_type', 'text'],
  ['subject', 'text'],
  ['dedup_key', 'text'],
  ['application_id', 'text'],
  ['vendor_specific_id', 'text'],
  ['account_refs', 'text[]'],
  ['analysis_id', 'bigint'],
  ['bridge_item_id', 'bigint'],
  ['bridge_user_uuid', 'uuid'],
  ['bridge_account_id', 'bigint'],
  ['provider_time', 'timestamptz'],
  ['received_at', 'timestamptz'],
] as const;

const MAX_ROWS = Math.floor(65_000 / COLUMNS.length);

export function timelineRow(event: InboundEvent): Row {
  const links =
    event.provider === 'credfin'
      ? CredfinProjector.timelineRow(event)
      : event.provider === 'bridge'
        ? BridgeProjector.timelineRow(event)
        : {};
  return {
    ...links,
    ce_id: event.attributes.id,
    provider: event.provider,
    event_type: event.event.eventName,
    subject: event.attributes.subject,
    dedup_key: event.attributes.dedupkey,
    received_at: eventContext(event).receivedAt,
  };
}

/**
 * Inserts one timeline row per event (ON CONFLICT (ce_id) DO NOTHING) and returns the ce_ids that were
 * new. The projection applies only those: a second line of defence behind the inbox, which makes
 * applying the same record twice a no-op even without it.
 */
export async function insertTimeline(
  manager: EntityManager,
  events: readonly InboundEvent[],
): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let start = 0; start < events.length; start += MAX_ROWS) {
    const parameters: unknown[] = [];
    const tuples = events.slice(start, start + MAX_ROWS).map((event) => {
      const row = timelineRow(event);
      return `(${COLUMNS.map(([name, type]) => {
        parameters.push(row[name] ?? null);
        return `$${parameters.length}::${type}`;
      }).join(', ')})`;
    });
    const rows: { ce_id: string }[] = await manager.query(
      `INSERT INTO lifecycle.timeline_entry (${COLUMNS.map(([name]) => name).join(', ')})
       VALUES ${tuples.join(', ')}
       ON CONFLICT (ce_id) DO NOTHING RETURNING ce_id`,
      parameters,
    );
    for (const row of rows) inserted.add(row.ce_id);
  }
  return inserted;
}
