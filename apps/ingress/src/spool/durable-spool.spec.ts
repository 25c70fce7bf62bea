import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DurableSpool, SpoolFullError, type SpoolEntry } from './durable-spool';

const record = (key: string, n: number) => ({
  topic: 'webhooks.creditchek.v1',
  key,
  value: Buffer.from(JSON.stringify({ event: 'income_insight', data: { borrowerId: key, n } })),
  headers: { ce_id: `id-${key}-${n}`, ce_type: 'creditchek.income_insight' },
});

const heads = (spool: DurableSpool): SpoolEntry[] => [...spool.lanes.values()].map((queue) => queue[0]!);
const segments = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.log'))
    .sort();

describe('DurableSpool (real files)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'spool-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives back after a reopen exactly the records not acknowledged, per key in order, byte for byte', async () => {
    const spool = await DurableSpool.open(dir, 1 << 20);
    for (let n = 0; n < 3; n++) {
      await spool.append(record('a', n));
      await spool.append(record('b', n));
    }
    expect(spool.records).toBe(6);
    const first = heads(spool).find((entry) => entry.key === 'a')!;
    expect(await spool.read(first)).toEqual(record('a', 0));
    spool.acknowledge(first);
    await spool.append(record('c', 0));
    await spool.close();

    const reopened = await DurableSpool.open(dir, 1 << 20);
    expect(reopened.setAside).toEqual([]);
    const waiting: Record<string, string[]> = {};
    for (const queue of reopened.lanes.values())
      for (const entry of queue)
        (waiting[entry.key] ??= []).push((await reopened.read(entry)).headers['ce_id'] as string);
    expect(waiting).toEqual({ a: ['id-a-1', 'id-a-2'], b: ['id-b-0', 'id-b-1', 'id-b-2'], c: ['id-c-0'] });
    expect(reopened.holds(first.lane)).toBe(true);
    await reopened.close();
  });

  it('deletes segments once every record in them is acknowledged', async () => {
    const spool = await DurableSpool.open(dir, 1 << 20);
    await spool.append(record('a', 0));
    spool.acknowledge(heads(spool)[0]!);
    await spool.close();
    const reopened = await DurableSpool.open(dir, 1 << 20);
    expect(reopened.records).toBe(0);
    // The old segment held nothing waiting: only the fresh one is left.
    expect(segments(dir)).toHaveLength(1);
    await reopened.close();
  });

  it('refuses an append past its bound (the caller answers 503)', async () => {
    const spool = await DurableSpool.open(dir, 250);
    await spool.append(record('a', 0));
    await expect(spool.append(record('a', 1))).rejects.toBeInstanceOf(SpoolFullError);
    expect(spool.records).toBe(1);
    await spool.close();
  });

  it.each([
    ['a torn tail (the last frame cut short)', (file: string) => truncateSync(file, statSync(file).size - 7)],
    [
      'a corrupt last frame (one byte flipped)',
      (file: string) => {
        const bytes = readFileSync(file);
        bytes[bytes.length - 3] ^= 0xff;
        writeFileSync(file, bytes);
      },
    ],
  ])('sets %s aside, reports it, and keeps the intact records before it', async (_, damage) => {
    const spool = await DurableSpool.open(dir, 1 << 20);
    for (let n = 0; n < 4; n++) await spool.append(record('k', n));
    await spool.close();
    const [segment] = segments(dir);
    damage(path.join(dir, segment!));

    const reopened = await DurableSpool.open(dir, 1 << 20);
    expect(reopened.setAside).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/^spool-\d+\.log\.corrupt-/),
        bytes: expect.any(Number),
      }),
    ]);
    // The damaged file is kept, renamed, whole; it is no longer replayed.
    const keptAside = readdirSync(dir).filter((name) => name.includes('.corrupt-'));
    expect(keptAside).toEqual([reopened.setAside[0]!.file]);
    const ids: string[] = [];
    for (const entry of reopened.lanes.get(heads(reopened)[0]!.lane)!)
      ids.push((await reopened.read(entry)).headers['ce_id'] as string);
    expect(ids).toEqual(['id-k-0', 'id-k-1', 'id-k-2']);
    await reopened.append(record('k', 9));
    await reopened.close();

    // The rescued records are in a sound segment now, and the set-aside file is still reported.
    const again = await DurableSpool.open(dir, 1 << 20);
    expect(again.records).toBe(4);
    expect(again.setAside).toEqual([expect.objectContaining({ damage: 'set aside by an earlier boot' })]);
    await again.close();
  });
});
