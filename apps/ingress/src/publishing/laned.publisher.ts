import type { EventPublisher } from './event-publisher';
import type { GroupCommitPublisher, OutgoingRecord } from './group-commit.publisher';

/** FNV-1a: a cheap, stable spread of keys over lanes (not a security boundary). */
export function laneOf(key: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % lanes;
}

/**
 * Several group-commit publishers, each with a producer of its own and one batch in flight, side by
 * side. A key always takes the same lane, so the events of one application still reach Kafka in the
 * order they were acknowledged; different keys no longer wait for each other's round trip.
 */
export class LanedPublisher implements EventPublisher {
  constructor(private readonly lanes: readonly GroupCommitPublisher[]) {
    if (lanes.length === 0) throw new Error('LanedPublisher needs at least one lane');
  }

  get inFlightCount(): number {
    return this.lanes.reduce((sum, lane) => sum + lane.inFlightCount, 0);
  }

  publish(record: OutgoingRecord): Promise<void> {
    return (this.lanes[laneOf(record.key, this.lanes.length)] as GroupCommitPublisher).publish(record);
  }

  stopLingering(): void {
    for (const lane of this.lanes) lane.stopLingering();
  }

  async drain(timeoutMs: number): Promise<boolean> {
    const drained = await Promise.all(this.lanes.map((lane) => lane.drain(timeoutMs)));
    return drained.every(Boolean);
  }
}
