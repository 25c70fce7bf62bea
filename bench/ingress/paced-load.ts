// An open-loop load generator for latency at a fixed rate: requests are scheduled evenly (not in
// per-second bursts, as autocannon's rate limit does) and latency is measured from each request's
// scheduled time, so a slow server cannot hide its queueing (no coordinated omission).
import { Agent, request } from 'node:http';

export interface PacedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface PacedResult {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

export interface PacedOptions {
  rate: number;
  seconds: number;
  sockets: number;
  /** Sent at the same rate first but not measured: connections open, JITs settle at this load. */
  warmupSeconds: number;
  /** Told of each answer (`status` 0: none) with the request's index, when it came. */
  onAnswer?: (index: number, status: number) => void;
}

function percentile(sorted: number[], q: number): number {
  return sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
}

export function pacedLoad(
  baseUrl: string,
  requests: readonly PacedRequest[],
  options: PacedOptions,
): Promise<PacedResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.sockets });
  const warmup = Math.floor(options.rate * options.warmupSeconds);
  const total = warmup + Math.floor(options.rate * options.seconds);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let answered = 0;
  let sent = 0;
  const start = performance.now();
  const measuredFrom = start + (warmup * 1000) / options.rate;

  return new Promise((resolve) => {
    const settle = (scheduledAt: number, success: boolean) => {
      if (scheduledAt >= measuredFrom) {
        latencies.push(performance.now() - scheduledAt);
        if (success) ok += 1;
        else failed += 1;
      }
      answered += 1;
      if (answered < total) return;
      agent.destroy();
      latencies.sort((a, b) => a - b);
      resolve({
        rps: latencies.length / ((performance.now() - measuredFrom) / 1000),
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        ok,
        failed,
      });
    };
    const fire = (spec: PacedRequest, scheduledAt: number, index: number) => {
      const req = request(
        { host: url.hostname, port: url.port, path: spec.path, method: 'POST', headers: spec.headers, agent },
        (res) => {
          res.resume();
          res.on('end', () => {
            options.onAnswer?.(index, res.statusCode ?? 0);
            settle(scheduledAt, (res.statusCode ?? 500) < 300);
          });
        },
      );
      req.on('error', () => {
        options.onAnswer?.(index, 0);
        settle(scheduledAt, false);
      });
      req.end(spec.body);
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * options.rate));
      for (; sent < due; sent++)
        fire(requests[sent % requests.length] as PacedRequest, start + (sent * 1000) / options.rate, sent);
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
}
