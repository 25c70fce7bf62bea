/** Where a replay starts: a time, explicit offsets (partition -> offset), or each partition's earliest. */
export type ReplayStart =
  | { kind: 'time'; time: Date }
  | { kind: 'offsets'; offsets: ReadonlyMap<number, bigint> }
  | { kind: 'earliest' };

export interface ReplayRequest {
  group: string;
  topic: string;
  start: ReplayStart;
  /** End of the window to reprocess: partitions with no record in [start, to) are left alone. */
  to?: Date;
}

/** The request as JSON (audit parameters, `--json` output): offsets as strings, times in ISO 8601. */
export function describeReplayRequest(request: ReplayRequest): Record<string, unknown> {
  const { start } = request;
  return {
    group: request.group,
    topic: request.topic,
    from:
      start.kind === 'time'
        ? { time: start.time.toISOString() }
        : start.kind === 'offsets'
          ? {
              offsets: [...start.offsets]
                .sort(([a], [b]) => a - b)
                .map(([partition, offset]) => ({ partition, offset: offset.toString() })),
            }
          : { earliest: true },
    ...(request.to ? { to: { time: request.to.toISOString() } } : {}),
  };
}
