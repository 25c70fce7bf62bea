import { crc32 } from 'node:zlib';

// One frame of a spool segment: magic, body length, CRC-32 of the body, then the body. A record's body
// is its kind, the length of its metadata (id, topic, key, headers as JSON), the metadata and the value
// byte for byte; an acknowledgement's body is its kind and the ids Kafka acknowledged, as JSON.
const MAGIC = 0x4c485350; // "LHSP"
export const FRAME_HEADER_BYTES = 12;
const RECORD = 1;
const ACK = 2;
// Past this a length is damage, not a record (the body limit is 10 MiB).
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface SpooledRecordMeta {
  id: number;
  topic: string;
  key: string;
  headers: Record<string, string>;
}

export type SpoolFrame =
  | { kind: 'record'; meta: SpooledRecordMeta; valueOffset: number; valueLength: number }
  | { kind: 'ack'; ids: number[] };

function frame(body: Buffer): Buffer {
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  header.writeUInt32BE(MAGIC, 0);
  header.writeUInt32BE(body.length, 4);
  header.writeUInt32BE(crc32(body), 8);
  return Buffer.concat([header, body]);
}

/** A record frame, and where its value starts inside the frame. */
export function encodeRecord(meta: SpooledRecordMeta, value: Buffer): { bytes: Buffer; valueAt: number } {
  const metaBytes = Buffer.from(JSON.stringify(meta));
  const prefix = Buffer.alloc(5);
  prefix.writeUInt8(RECORD, 0);
  prefix.writeUInt32BE(metaBytes.length, 1);
  return {
    bytes: frame(Buffer.concat([prefix, metaBytes, value])),
    valueAt: FRAME_HEADER_BYTES + prefix.length + metaBytes.length,
  };
}

export function encodeAck(ids: readonly number[]): Buffer {
  return frame(Buffer.concat([Buffer.from([ACK]), Buffer.from(JSON.stringify({ ids }))]));
}

export interface SegmentScan {
  frames: SpoolFrame[];
  /** Bytes from the start that hold whole, intact frames. */
  goodBytes: number;
  /** Why the rest (from goodBytes on) is not trusted, when there is a rest. */
  damage?: string;
}

function decodeBody(body: Buffer, bodyOffset: number): SpoolFrame {
  const kind = body.readUInt8(0);
  if (kind === RECORD) {
    const metaLength = body.readUInt32BE(1);
    const meta = JSON.parse(body.toString('utf8', 5, 5 + metaLength)) as SpooledRecordMeta;
    if (typeof meta.id !== 'number' || typeof meta.topic !== 'string' || typeof meta.key !== 'string')
      throw new Error('record metadata incomplete');
    return {
      kind: 'record',
      meta,
      valueOffset: bodyOffset + 5 + metaLength,
      valueLength: body.length - 5 - metaLength,
    };
  }
  if (kind === ACK) {
    const { ids } = JSON.parse(body.toString('utf8', 1)) as { ids: unknown };
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'number')) throw new Error('bad ack');
    return { kind: 'ack', ids: ids as number[] };
  }
  throw new Error(`unknown frame kind ${kind}`);
}

/**
 * Reads a segment front to back and stops at the first frame that is cut short (a torn write: the
 * process or the machine died mid-append) or fails its checksum (corruption). Everything before it
 * is trusted; nothing after it is, since frame boundaries past damage cannot be known.
 */
export function scanSegment(bytes: Buffer): SegmentScan {
  const frames: SpoolFrame[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const left = bytes.length - offset;
    if (left < FRAME_HEADER_BYTES) return { frames, goodBytes: offset, damage: 'torn frame header' };
    if (bytes.readUInt32BE(offset) !== MAGIC) return { frames, goodBytes: offset, damage: 'bad magic' };
    const length = bytes.readUInt32BE(offset + 4);
    if (length > MAX_BODY_BYTES) return { frames, goodBytes: offset, damage: 'impossible length' };
    if (left < FRAME_HEADER_BYTES + length) return { frames, goodBytes: offset, damage: 'torn frame' };
    const bodyOffset = offset + FRAME_HEADER_BYTES;
    const body = bytes.subarray(bodyOffset, bodyOffset + length);
    if (crc32(body) !== bytes.readUInt32BE(offset + 8)) {
      return { frames, goodBytes: offset, damage: 'checksum mismatch' };
    }
    try {
      frames.push(decodeBody(body, bodyOffset));
    } catch (error) {
      return { frames, goodBytes: offset, damage: `undecodable frame (${(error as Error).message})` };
    }
    offset = bodyOffset + length;
  }
  return { frames, goodBytes: offset };
}
