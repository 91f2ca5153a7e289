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

async function measure(name: string, url: string, pid: number, bodies: Buffer[], seconds: number, conns: number) {
  await load(url, bodies, 2, conns); // warm-up: JIT, key cache, connections
  const before = procStats(pid);
  const r = await load(url, bodies, seconds, conns);
  const after = procStats(pid);
  const cpu = after.cpuSeconds - before.cpuSeconds;
  return {
    name,
    'accepted ev/s': Math.round(r.perSecond),
    'p99 ms': Math.round(r.p99),
    'server CPU s': Number(cpu.toFixed(1)),
    'ev per CPU-second': Math.round(r.accepted / cpu),
    'non-200': r.nonOk + r.errors + r.timeouts,
    'RSS MB': Math.round(after.rss / MB),
    'load avg': loadAverage(),
  };
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
  const stack = await startStack({ name: 'bench_edge', workers: 0, nextToo: true, env: { LOG_LEVEL: 'error' } });
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
    const at = (base: string) => ({ url: `${base}${ingestPath(p)}`, pid: pidOnPort(Number(new URL(base).port)) });
    const web = at(stack.baseUrl);
    const ceiling = at(`http://127.0.0.1:${rawPort}`);
    const next = at(stack.nextUrl!);
    const rows = [
      await measure('faultline run web', web.url, web.pid, bodies, seconds, conns),
      await measure('bare node:http + lib/ingest (ceiling)', ceiling.url, ceiling.pid, bodies, seconds, conns),
      await measure('next start (route handler)', next.url, next.pid, bodies, seconds, conns),
    ];
    console.log('1. Edge ratio');
    console.table(rows);
    const ratio = rows[0]['accepted ev/s'] / rows[1]['accepted ev/s'];
    console.log(`faultline run web reaches ${Math.round(ratio * 100)} % of the ceiling (target: at least 50 %)`);
  } finally {
    raw?.kill('SIGTERM');
    await stack.stop();
  }
}

async function oneBox(seconds: number, conns: number) {
  const { startStack } = await import('../../tests/harness/stack.ts');
  const stack = await startStack({ name: 'bench_box', workers: 0, env: { LOG_LEVEL: 'error' } });
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
