import { InvalidArgumentError } from 'commander';
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

/** `--from-time` / `--to-time`: ISO 8601 with a zone (Z or ±hh:mm), e.g. 2026-01-21T09:00:00Z. */
export function parseTime(value: string): Date {
  if (!isoTime.safeParse(value).success)
    throw new InvalidArgumentError('expected an ISO 8601 time with a zone, e.g. 2026-01-21T09:00:00Z');
  return new Date(value);
}

/** `--from-offset P:O`, repeatable (one per partition): partition -> offset. */
export function collectOffset(
  value: string,
  previous: ReadonlyMap<number, bigint> = new Map(),
): ReadonlyMap<number, bigint> {
  const match = /^(\d{1,9}):(\d{1,19})$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected <partition>:<offset>, e.g. 3:1200');
  const partition = Number(match[1]);
  const offset = BigInt(match[2] as string);
  if (offset > 2n ** 63n - 1n) throw new InvalidArgumentError('the offset is beyond what Kafka can hold');
  if (previous.has(partition)) throw new InvalidArgumentError(`partition ${partition} is given twice`);
  return new Map([...previous, [partition, offset]]);
}
