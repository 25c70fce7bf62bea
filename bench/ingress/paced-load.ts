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

function percentile(sorted: number[], q: number): number {
  return sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
}

export function pacedLoad(
  baseUrl: string,
  requests: readonly PacedRequest[],
  options: { rate: number; seconds: number; sockets: number },
): Promise<PacedResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.sockets });
  const total = Math.floor(options.rate * options.seconds);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let sent = 0;
  const start = performance.now();
  return new Promise((resolve) => {
    const finishIfDone = () => {
      if (ok + failed < total) return;
      agent.destroy();
      const elapsed = (performance.now() - start) / 1000;
      latencies.sort((a, b) => a - b);
      resolve({
        rps: total / elapsed,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        ok,
        failed,
      });
    };
    const fire = (spec: PacedRequest, scheduledAt: number) => {
      const req = request(
        { host: url.hostname, port: url.port, path: spec.path, method: 'POST', headers: spec.headers, agent },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - scheduledAt);
            if (res.statusCode && res.statusCode < 300) ok += 1;
            else failed += 1;
            finishIfDone();
          });
        },
      );
      req.on('error', () => {
        failed += 1;
        finishIfDone();
      });
      req.end(spec.body);
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * options.rate));
      for (; sent < due; sent++)
        fire(requests[sent % requests.length] as PacedRequest, start + (sent * 1000) / options.rate);
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
}
