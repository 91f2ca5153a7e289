// `npm run bench:ingest [seconds=10] [concurrency=50]`: the ingest benchmarks the README quotes.
//   1. Edge ratio: `faultline run web` against a bare node:http server on the same lib/ingest core (the ceiling),
//      and `next start` (the Next.js route handler) for reference; same payload and connections, one after another.
//   2. One box end to end: web and one worker (compiled, as `npm start` runs them), then how long until every
//      accepted event is counted in its issue.
// Everything shares the machine's cores with the load generator; the load average is printed next to each part.
import http from 'node:http';
import os from 'node:os';
import zlib from 'node:zlib';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { envelopeBody } from './payload.ts';
import { load, MB, peakRss, pidOnPort, procStats } from './load.ts';

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

type Target = { name: string; url: string; pid: number };

/**
 * Interleaved: every target gets `rounds` slices of seconds/rounds, in turn, so a shift in the machine's other
 * load (it is shared) hits all of them alike instead of whichever happened to run then.
 */
async function measureInterleaved(targets: Target[], bodies: Buffer[], seconds: number, conns: number, rounds = 5) {
  for (const t of targets) await load(t.url, bodies, 2, conns); // warm-up: JIT, key cache, connections
  const sums = targets.map(() => ({ accepted: 0, failed: 0, elapsed: 0, cpu: 0, p99: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, t] of targets.entries()) {
      const before = procStats(t.pid).cpuSeconds;
      const r = await load(t.url, bodies, seconds / rounds, conns);
      const s = sums[i];
      s.cpu += procStats(t.pid).cpuSeconds - before;
      s.accepted += r.accepted;
      s.failed += r.nonOk + r.errors + r.timeouts;
      s.elapsed += r.elapsed;
      s.p99 = Math.max(s.p99, r.p99);
    }
  }
  return targets.map((t, i) => ({
    name: t.name,
    'accepted ev/s': Math.round(sums[i].accepted / sums[i].elapsed),
    'worst p99 ms': Math.round(sums[i].p99),
    'server CPU s': Number(sums[i].cpu.toFixed(1)),
    'ev per CPU-second': Math.round(sums[i].accepted / sums[i].cpu),
    'non-200': sums[i].failed,
    'RSS MB': Math.round(procStats(t.pid).rss / MB),
  }));
}

async function startCeiling(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const raw = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], {
    env: { ...env, PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    raw.stdout!.once('data', () => resolve());
    raw.once('exit', (code) => reject(new Error(`ceiling server exited with ${code}`)));
  });
  return raw;
}

/** A Prisma client on a benchmark stack's own database, and projects made on it. */
async function onDatabase(databaseUrl: string) {
  const { createDb } = await import('../../lib/db.ts');
  const { ensureProject } = await import('../../lib/projects/setup.ts');
  const db = createDb(databaseUrl, 2);
  return { db, project: (slug: string) => ensureProject(db, { org: 'bench', project: slug }) };
}

type BenchProject = Awaited<ReturnType<Awaited<ReturnType<typeof onDatabase>>['project']>>;
const ingestPath = (p: BenchProject) => `/api/${p.project.id}/envelope/?sentry_version=7&sentry_key=${p.key.publicKey}`;

async function edgeRatio(seconds: number, conns: number) {
  const { startStack, freePort } = await import('../../tests/harness/stack.ts');
  // Spike protection would refuse a benchmark's flood to one project: measure the edge, not the quota.
  const stack = await startStack({
    name: 'bench_edge',
    workers: 0,
    nextToo: true,
    env: { LOG_LEVEL: 'error', SPIKE_PROTECTION_FACTOR: '0' },
  });
  let raw: ChildProcess | undefined;
  try {
    const data = await onDatabase(stack.databaseUrl);
    const p = await data.project('edge');
    await data.db.$disconnect();
    const rawPort = await freePort();
    raw = await startCeiling(stack.env, rawPort);
    const bodies = Array.from({ length: 500 }, () => envelopeBody());
    const avg = bodies.reduce((s, b) => s + b.length, 0) / bodies.length;
    console.log(
      `envelopes: ${zlib.gunzipSync(bodies[0]).length} bytes of JSON, ${Math.round(avg)} bytes gzipped; ` +
        `${conns} keep-alive connections, ${seconds} s per server; ` +
        `${os.cpus().length} cores shared with the load generator`,
    );
    const at = (name: string, base: string) => ({
      name,
      url: `${base}${ingestPath(p)}`,
      pid: pidOnPort(Number(new URL(base).port)),
    });
    const avgBefore = loadAverage();
    const rows = await measureInterleaved(
      [
        at('faultline run web', stack.baseUrl),
        at('bare node:http + lib/ingest (ceiling)', `http://127.0.0.1:${rawPort}`),
        at('next start (route handler)', stack.nextUrl!),
      ],
      bodies,
      seconds,
      conns,
    );
    console.log(`1. Edge ratio (load average before: ${avgBefore}, after: ${loadAverage()})`);
    console.table(rows);
    const ratio = (k: 'accepted ev/s' | 'ev per CPU-second') => Math.round((rows[0][k] / rows[1][k]) * 100);
    console.log(
      `faultline run web reaches ${ratio('accepted ev/s')} % of the ceiling's throughput and ` +
        `${ratio('ev per CPU-second')} % of its events per CPU-second (target: at least 50 %)`,
    );
  } finally {
    raw?.kill('SIGTERM');
    await stack.stop();
  }
}

async function oneBox(seconds: number, conns: number) {
  const { startStack } = await import('../../tests/harness/stack.ts');
  const stack = await startStack({
    name: 'bench_box',
    workers: 0,
    env: { LOG_LEVEL: 'error', SPIKE_PROTECTION_FACTOR: '0' },
  });
  try {
    const worker = stack.startWorker();
    const data = await onDatabase(stack.databaseUrl);
    const p = await data.project('box');
    const warm = await data.project('warm-up');
    await load(`${stack.baseUrl}${ingestPath(warm)}`, [envelopeBody()], 2, conns);
    // Every event its own id (the digest stores an event id once), made before the clock starts; 20 issues.
    const bodies = Array.from({ length: seconds * 4000 }, (_, i) => envelopeBody(i % 20));
    const webPid = pidOnPort(Number(new URL(stack.baseUrl).port));
    const avgBefore = loadAverage();
    const { result: r, peaks } = await peakRss(
      [webPid, worker.pid!],
      load(`${stack.baseUrl}${ingestPath(p)}`, bodies, seconds, conns),
    );
    const ended = Date.now();
    if (r.accepted + r.nonOk > bodies.length) console.warn('more requests than distinct events: raise the body count');
    let counted = 0;
    while (Date.now() - ended < 60_000) {
      const sum = await data.db.issue.aggregate({ where: { projectId: p.project.id }, _sum: { eventCount: true } });
      counted = Number(sum._sum.eventCount ?? 0);
      if (counted >= r.accepted) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    const countedAfter = (Date.now() - ended) / 1000;
    console.log(`2. One box, end to end: web + 1 worker, ${conns} connections, ${seconds} s`);
    console.table([
      {
        'accepted ev/s': Math.round(r.perSecond),
        'p50 ms': Math.round(r.p50),
        'p99 ms': Math.round(r.p99),
        timeouts: r.timeouts,
        'non-2xx': r.nonOk,
        'conn errors': r.errors,
        'counted in issues': `${counted}/${r.accepted}`,
        'all counted after s': counted >= r.accepted ? Number(countedAfter.toFixed(1)) : 'not within 60 s',
        'web RSS MB (peak)': Math.round(peaks[0] / MB),
        'worker RSS MB (peak)': Math.round(peaks[1] / MB),
        'load avg before': avgBefore,
      },
    ]);
    console.log('targets: ≥ 2,000 ev/s, p99 < 100 ms, no timeouts, no non-2xx, all counted within 30 s');
    await data.db.$disconnect();
  } finally {
    await stack.stop();
  }
}

async function main() {
  const seconds = Number(process.argv[2] ?? 10);
  const conns = Number(process.argv[3] ?? 50);
  // Web and worker run compiled, as `npm start` runs them.
  const { compile } = await import('../../lib/cli/compiled.mjs');
  await compile();
  if (!process.argv.includes('--box-only')) await edgeRatio(seconds, conns);
  await oneBox(seconds, conns);
}

// Last, so every declaration above is initialised before it runs.
if (process.argv.includes('--serve')) {
  // The ceiling: node:http straight into the framework-free core, nothing else.
  const { handleIngestNode } = await import('../../lib/ingest/nodeHandler.ts');
  const server = http.createServer((req, res) => void handleIngestNode(req, res));
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
} else {
  await main();
}
