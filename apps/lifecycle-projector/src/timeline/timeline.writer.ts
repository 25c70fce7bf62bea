import type { InboundEvent } from '@ledgerhook/consumer';
import type { EntityManager } from 'typeorm';
import { CredfinProjector } from '../applications/credfin.projector';
import { BridgeProjector } from '../bridge/bridge.projector';
import { canonicalTime } from '../projection/event-time';
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

// The handler needs an event's timeline row twice (insert, then trace context): computed once.
const ROWS = new WeakMap<InboundEvent, Row>();

export function timelineRow(event: InboundEvent): Row {
  const known = ROWS.get(event);
  if (known) return known;
  const row = buildTimelineRow(event);
  ROWS.set(event, row);
  return row;
}

function buildTimelineRow(event: InboundEvent): Row {
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
    received_at: canonicalTime(event.attributes.time),
  };
}

/**
 * Inserts one timeline row per event (ON CONFLICT (ce_id) DO NOTHING) and returns the ce_ids that were
 * new. The projection applies only those: a second line of defence behind the inbox, which makes
 * applying the same record twice a no-op even without it. One array parameter per column (unnest);
 * account_refs travel as comma-joined text (refs are [a-z0-9:] tokens) because unnest cannot carry
 * an array column.
 */
export async function insertTimeline(
  manager: EntityManager,
  events: readonly InboundEvent[],
): Promise<Set<string>> {
  const rows = events.map(timelineRow);
  const arrays = COLUMNS.map(([name]) =>
    rows.map((row) => {
      const value = row[name] ?? null;
      return Array.isArray(value) ? value.join(',') : value;
    }),
  );
  const unnest = COLUMNS.map(([, type], i) => `$${i + 1}::${type === 'text[]' ? 'text' : type}[]`);
  const select = COLUMNS.map(([name, type]) =>
    type === 'text[]' ? `string_to_array(u.${name}, ',')` : `u.${name}`,
  );
  const inserted: { ce_id: string }[] = await manager.query(
    `INSERT INTO lifecycle.timeline_entry (${COLUMNS.map(([name]) => name).join(', ')})
     SELECT ${select.join(', ')} FROM unnest(${unnest.join(', ')}) AS u(${COLUMNS.map(([name]) => name).join(', ')})
     ON CONFLICT (ce_id) DO NOTHING RETURNING ce_id`,
    arrays,
  );
  return new Set(inserted.map((row) => row.ce_id));
}
