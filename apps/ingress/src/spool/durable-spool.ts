import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { OutgoingRecord } from '../publishing/group-commit.publisher';
import { encodeAck, encodeRecord, FRAME_HEADER_BYTES, scanSegment } from './spool-frame';

const SEGMENT = /^spool-(\d{10})\.log$/;
const SET_ASIDE = /\.log\.corrupt-/;
// A new segment past this size, so that fully acknowledged ones can be deleted whole.
const SEGMENT_MAX_BYTES = 16 * 1024 * 1024;

/** The spool holds SPOOL_MAX_BYTES already: answer 503 as without a spool. */
export class SpoolFullError extends Error {
  constructor(maxBytes: number) {
    super(`the spool holds ${maxBytes} bytes already`);
    this.name = 'SpoolFullError';
  }
}

export class SpoolClosedError extends Error {
  constructor() {
    super('the spool is closed');
    this.name = 'SpoolClosedError';
  }
}

interface Segment {
  number: number;
  path: string;
  size: number;
  /** Records in it not yet acknowledged by Kafka. */
  waiting: number;
  reader?: Promise<FileHandle>;
}

/** A spooled record waiting for Kafka: its metadata in memory, its value on disk. */
export interface SpoolEntry {
  id: number;
  /** topic + key: the unit of order. */
  lane: string;
  topic: string;
  key: string;
  headers: Record<string, string>;
  bytes: number;
  /** Set once the frame is written and fsynced. */
  segment?: Segment;
  valueAt: number;
  valueLength: number;
}

interface QueuedWrite {
  bytes: Buffer;
  entry?: SpoolEntry;
  valueAt: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** What was set aside at boot because it could not be trusted. */
export interface SetAside {
  file: string;
  offset: number;
  bytes: number;
  damage: string;
}

export const spoolLane = (topic: string, key: string) => `${topic}\u0000${key}`;

/**
 * A write-ahead log of webhooks Kafka could not acknowledge in time, in segment files under one
 * directory. An append resolves only after its frame is written and fsynced (concurrent appends share
 * one write and one fsync). Records are acknowledged (an ack frame) once Kafka has them; a segment
 * whose records are all acknowledged is deleted. Opening the spool replays every segment: records
 * without an ack wait again, oldest first; a damaged tail is set aside (the segment is renamed, its
 * intact records copied into a fresh segment first) and reported, never dropped silently.
 */
export class DurableSpool {
  /** Waiting records by lane, oldest first; the lanes in the order they entered the spool. */
  readonly lanes = new Map<string, SpoolEntry[]>();
  readonly setAside: SetAside[] = [];
  private readonly segments: Segment[] = [];
  private active!: Segment;
  private activeWriter!: FileHandle;
  private writes: QueuedWrite[] = [];
  private pendingAcks: number[] = [];
  private writing?: Promise<void>;
  private nextId = 1;
  private waitingRecords = 0;
  private waitingBytes = 0;
  private closed = false;
  private writerClosed = false;

  private constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
    private readonly onDurable: () => void,
  ) {}

  static async open(dir: string, maxBytes: number, onDurable: () => void = () => undefined) {
    const spool = new DurableSpool(dir, maxBytes, onDurable);
    await spool.replay();
    return spool;
  }

  get records(): number {
    return this.waitingRecords;
  }

  get bytes(): number {
    return this.waitingBytes;
  }

  /** Whether records of this topic and key are waiting: then the next one must wait behind them. */
  holds(lane: string): boolean {
    return this.lanes.has(lane);
  }

  /** Resolves once the record is on disk (fsynced); it is then drained to Kafka in its lane's order. */
  append(record: OutgoingRecord): Promise<void> {
    if (this.closed) return Promise.reject(new SpoolClosedError());
    const id = this.nextId++;
    const { bytes, valueAt } = encodeRecord(
      { id, topic: record.topic, key: record.key, headers: record.headers },
      record.value,
    );
    if (this.waitingBytes + bytes.length > this.maxBytes)
      return Promise.reject(new SpoolFullError(this.maxBytes));
    const entry: SpoolEntry = {
      id,
      lane: spoolLane(record.topic, record.key),
      topic: record.topic,
      key: record.key,
      headers: record.headers,
      bytes: bytes.length,
      valueAt: 0,
      valueLength: record.value.length,
    };
    // Indexed at once, before it is durable: a later delivery of the same key queues behind it.
    this.index(entry);
    return new Promise<void>((resolve, reject) => {
      this.writes.push({ bytes, entry, valueAt, resolve, reject });
      this.kick();
    });
  }

  /** The record as it was received, read back from its segment. */
  async read(entry: SpoolEntry): Promise<OutgoingRecord> {
    const segment = entry.segment;
    if (!segment) throw new Error(`spooled record ${entry.id} is not on disk yet`);
    segment.reader ??= open(segment.path, 'r');
    const value = Buffer.alloc(entry.valueLength);
    await (await segment.reader).read(value, 0, entry.valueLength, entry.valueAt);
    return { topic: entry.topic, key: entry.key, headers: entry.headers, value };
  }

  /** Kafka has the record: it leaves its lane (the ack frame is written with the next append). */
  acknowledge(entry: SpoolEntry): void {
    // After close the ack is not written: the record is drained again after the restart (a
    // duplicate with the same ce_id, never a loss).
    if (this.closed) return;
    const queue = this.lanes.get(entry.lane);
    if (queue?.[0] !== entry) throw new Error(`spooled record ${entry.id} acknowledged out of order`);
    queue.shift();
    if (queue.length === 0) this.lanes.delete(entry.lane);
    this.waitingRecords -= 1;
    this.waitingBytes -= entry.bytes;
    this.pendingAcks.push(entry.id);
    if (entry.segment) entry.segment.waiting -= 1;
    this.kick();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.kick();
    while (this.writing) await this.writing;
    this.writerClosed = true;
    await this.activeWriter.close();
    await Promise.all(this.segments.map(async (segment) => segment.reader && (await segment.reader).close()));
  }

  private index(entry: SpoolEntry): void {
    const queue = this.lanes.get(entry.lane);
    if (queue) queue.push(entry);
    else this.lanes.set(entry.lane, [entry]);
    this.waitingRecords += 1;
    this.waitingBytes += entry.bytes;
  }

  private kick(): void {
    if (this.writerClosed || this.writing || (this.writes.length === 0 && this.pendingAcks.length === 0))
      return;
    this.writing = this.writeLoop().finally(() => {
      this.writing = undefined;
      this.kick();
    });
  }

  /** Group commit to disk: what queued up meanwhile is written in one call and fsynced once. */
  private async writeLoop(): Promise<void> {
    while (this.writes.length > 0 || this.pendingAcks.length > 0) {
      await this.rotateIfDone();
      const batch = this.writes.splice(0);
      const acks = this.pendingAcks.splice(0);
      const chunks = batch.map((write) => write.bytes);
      if (acks.length > 0) chunks.push(encodeAck(acks));
      let position = this.active.size;
      for (const write of batch) {
        if (write.entry) {
          write.entry.segment = this.active;
          write.entry.valueAt = position + write.valueAt;
        }
        position += write.bytes.length;
      }
      try {
        const bytes = Buffer.concat(chunks);
        await this.activeWriter.write(bytes, 0, bytes.length, this.active.size);
        await this.activeWriter.datasync();
        this.active.size += bytes.length;
        for (const write of batch) if (write.entry) this.active.waiting += 1;
      } catch (error) {
        // Not durable: the caller answers 503, and the record must not be drained either.
        for (const write of batch) {
          if (write.entry) this.forget(write.entry);
          write.reject(error as Error);
        }
        continue;
      }
      for (const write of batch) write.resolve();
      if (batch.length > 0) this.onDurable();
      await this.deleteDoneSegments();
    }
  }

  private forget(entry: SpoolEntry): void {
    const queue = this.lanes.get(entry.lane);
    const at = queue?.indexOf(entry) ?? -1;
    if (!queue || at < 0) return;
    queue.splice(at, 1);
    if (queue.length === 0) this.lanes.delete(entry.lane);
    this.waitingRecords -= 1;
    this.waitingBytes -= entry.bytes;
    entry.segment = undefined;
  }

  /** Past the segment size, appends go to a new segment; the old one is deleted once drained. */
  private async rotateIfDone(): Promise<void> {
    if (this.active.size < SEGMENT_MAX_BYTES) return;
    await this.activeWriter.close();
    await this.startSegment(this.active.number + 1);
  }

  /**
   * Deletes drained segments from the oldest on, and stops at the first one still waiting: a later
   * segment may hold the ack frames of an earlier one's records, and must outlive them.
   */
  private async deleteDoneSegments(): Promise<void> {
    for (;;) {
      const segment = this.segments[0];
      if (!segment || segment === this.active || segment.waiting > 0) return;
      this.segments.shift();
      if (segment.reader) await (await segment.reader).close();
      await unlink(segment.path);
    }
  }

  private async startSegment(number: number): Promise<void> {
    const file = path.join(this.dir, `spool-${String(number).padStart(10, '0')}.log`);
    this.activeWriter = await open(file, 'w');
    await this.activeWriter.datasync();
    await syncDirectory(this.dir);
    this.active = { number, path: file, size: 0, waiting: 0 };
    this.segments.push(this.active);
  }

  private async replay(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const files = readdirSync(this.dir)
      .map((name) => ({ name, match: SEGMENT.exec(name) }))
      .filter((file): file is { name: string; match: RegExpExecArray } => file.match !== null)
      .sort((a, b) => Number(a.match[1]) - Number(b.match[1]));
    const acknowledged = new Set<number>();
    const found: { segment: Segment; entry: SpoolEntry; value: () => Buffer }[] = [];
    const damaged: { segment: Segment; bytes: Buffer }[] = [];
    for (const file of files) {
      const segment: Segment = {
        number: Number(file.match[1]),
        path: path.join(this.dir, file.name),
        size: 0,
        waiting: 0,
      };
      const bytes = readFileSync(segment.path);
      const scan = scanSegment(bytes);
      segment.size = scan.goodBytes;
      for (const frame of scan.frames) {
        if (frame.kind === 'ack') {
          for (const id of frame.ids) acknowledged.add(id);
          continue;
        }
        const { meta } = frame;
        this.nextId = Math.max(this.nextId, meta.id + 1);
        const entry: SpoolEntry = {
          ...meta,
          lane: spoolLane(meta.topic, meta.key),
          bytes: frame.valueOffset - FRAME_HEADER_BYTES + frame.valueLength,
          segment,
          valueAt: frame.valueOffset,
          valueLength: frame.valueLength,
        };
        found.push({
          segment,
          entry,
          value: () => bytes.subarray(frame.valueOffset, frame.valueOffset + frame.valueLength),
        });
      }
      if (scan.damage) {
        this.setAside.push({
          file: `${file.name}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`,
          offset: scan.goodBytes,
          bytes: bytes.length - scan.goodBytes,
          damage: scan.damage,
        });
        damaged.push({ segment, bytes });
      } else {
        this.segments.push(segment);
      }
    }
    const last = files.at(-1);
    await this.startSegment(last ? Number(last.match[1]) + 1 : 1);
    // The intact records of a damaged segment move into the fresh segment before it is set aside.
    const rescued: QueuedWrite[] = [];
    for (const { segment, entry, value } of found) {
      if (acknowledged.has(entry.id)) continue;
      if (damaged.some((d) => d.segment === segment)) {
        const { bytes, valueAt } = encodeRecord(
          { id: entry.id, topic: entry.topic, key: entry.key, headers: entry.headers },
          value(),
        );
        entry.segment = undefined;
        rescued.push({ bytes, entry, valueAt, resolve: () => undefined, reject: () => undefined });
      } else {
        segment.waiting += 1;
      }
      this.index(entry);
    }
    if (rescued.length > 0) {
      this.writes.push(...rescued);
      this.kick();
      await this.writing;
    }
    for (const [i, { segment }] of damaged.entries()) {
      renameSync(segment.path, path.join(this.dir, (this.setAside[i] as SetAside).file));
    }
    for (const file of readdirSync(this.dir).filter((name) => SET_ASIDE.test(name))) {
      if (!this.setAside.some((item) => item.file === file))
        this.setAside.push({ file, offset: 0, bytes: 0, damage: 'set aside by an earlier boot' });
    }
    await syncDirectory(this.dir);
    await this.deleteDoneSegments();
  }
}

/** A new or renamed file survives a crash only once its directory entry is synced too. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
