// The load generator of the ingest benchmarks: keep-alive connections posting gzip envelopes as fast as answered,
// with every request's latency, timeouts and statuses; and the CPU and RSS of a server process from /proc.
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const MB = 1024 * 1024;

export function pidOnPort(port: number): number {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`]).toString();
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`nothing listens on ${port}`);
  return Number(pid);
}

export function procStats(pid: number) {
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
  // Fields 14 and 15 of /proc/<pid>/stat: user and system CPU time in clock ticks (100 per second here).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / 100;
  return { rss, cpuSeconds };
}

export interface LoadResult {
  accepted: number;
  nonOk: number;
  timeouts: number;
  errors: number;
  elapsed: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
}

const percentile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;

/** `concurrency` connections send for `seconds`; a request without an answer in `timeoutMs` counts as a timeout. */
export async function load(
  url: string,
  bodies: Buffer[],
  seconds: number,
  concurrency: number,
  timeoutMs = 5000,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const r = { accepted: 0, nonOk: 0, timeouts: 0, errors: 0 };
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let stop = false;
  let n = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const body = bodies[n++ % bodies.length];
      const started = performance.now();
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          timeout: timeoutMs,
          headers: { 'content-encoding': 'gzip', 'content-length': body.length },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - started);
            statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
            if (res.statusCode === 200) r.accepted++;
            else r.nonOk++;
            resolve();
          });
        },
      );
      req.on('timeout', () => {
        r.timeouts++;
        req.destroy(new Error('timeout'));
      });
      req.on('error', (e) => {
        if (e.message !== 'timeout') r.errors++;
        resolve();
      });
      req.end(body);
    });
  const started = performance.now();
  setTimeout(() => (stop = true), seconds * 1000);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!stop) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    ...r,
    elapsed,
    perSecond: r.accepted / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    statuses: Object.fromEntries(statuses),
  };
}

/** Highest RSS of the processes while `during` runs, sampled every 250 ms. */
export async function peakRss<T>(pids: number[], during: Promise<T>): Promise<{ result: T; peaks: number[] }> {
  const peaks = pids.map(() => 0);
  const sample = () => pids.forEach((pid, i) => (peaks[i] = Math.max(peaks[i], procStats(pid).rss)));
  const t = setInterval(sample, 250);
  try {
    const result = await during;
    sample();
    return { result, peaks };
  } finally {
    clearInterval(t);
  }
}
