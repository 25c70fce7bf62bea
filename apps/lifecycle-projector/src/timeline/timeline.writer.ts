import type { InboundEvent } from '@ledgerhook/consumer';
import type { EntityManager } from 'typeorm';
import { canonicalTime } from '../events/event-time';
import { type RowOf, tableSpecOf } from '../merge/table-spec';
import { TimelineEntry } from './timeline-entry.entity';

// Insert-only: written once per event (ON CONFLICT DO NOTHING); the columns come from the entity.
const COLUMNS = tableSpecOf(TimelineEntry).columns.map(({ name, type }) => [name, type] as const);
type TimelineRow = RowOf<TimelineEntry>;

// The handler needs an event's timeline row twice (insert, then trace context): computed once.
const ROWS = new WeakMap<InboundEvent, TimelineRow>();

/** What an event names (application, accounts, Bridge ids), from its provider's projector. */
export type TimelineLinks = (event: InboundEvent) => TimelineRow;

export function timelineRow(event: InboundEvent, links: TimelineLinks): TimelineRow {
  const known = ROWS.get(event);
  if (known) return known;
  const row = buildTimelineRow(event, links);
  ROWS.set(event, row);
  return row;
}

function buildTimelineRow(event: InboundEvent, links: TimelineLinks): TimelineRow {
  return {
    ...links(event),
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
  links: TimelineLinks,
): Promise<Set<string>> {
  const rows = events.map((event) => timelineRow(event, links));
  const arrays = COLUMNS.map(([name]) =>
    rows.map((row) => {
      const value = (row as Record<string, unknown>)[name] ?? null;
      return Array.isArray(value) ? value.join(',') : value;
    }),
  );
  const unnest = COLUMNS.map(([, type], i) => `$${i + 1}::${type === 'text[]' ? 'text' : type}[]`);
  const select = COLUMNS.map(([name, type]) =>
    type === 'text[]' ? `string_to_array(u.${name}, ',')` : `u.${name}`,
  );
  const inserted: { ce_id: string }[] = await manager.query(
    `INSERT INTO timeline_entry (${COLUMNS.map(([name]) => name).join(', ')})
     SELECT ${select.join(', ')} FROM unnest(${unnest.join(', ')}) AS u(${COLUMNS.map(([name]) => name).join(', ')})
     ON CONFLICT (ce_id) DO NOTHING RETURNING ce_id`,
    arrays,
  );
  return new Set(inserted.map((row) => row.ce_id));
}
