// Benchmark of the ingest edge: accepted events/s through the Next.js route vs a bare node:http server on the same
// lib/ingest core.
// Run: NEXT_DIST_DIR=.next-<you> npx tsx bench/ingest/edge.ts [seconds=10] [concurrency=50]
import http from 'node:http';
import zlib from 'node:zlib';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { envelopeBody } from './payload.ts';

const MB = 1024 * 1024;

if (process.argv.includes('--serve')) {
  // The lean server: node:http straight into the framework-free core.
  const { handleIngestNode } = await import('../../lib/ingest/nodeHandler.ts');
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => void handleIngestNode(req, res));
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
} else {
  await main();
}

function pidOnPort(port: number): number {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`]).toString();
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`nothing listens on ${port}`);
  return Number(pid);
}

function procStats(pid: number) {
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
  // Fields 14 and 15 of /proc/<pid>/stat: user and system CPU time in clock ticks (100 per second here).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / 100;
  return { rss, cpuSeconds };
}

async function load(url: string, bodies: Buffer[], seconds: number, concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let ok = 0;
  let failed = 0;
  const statuses = new Map<number, number>();
  let stop = false;
  let n = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const body = bodies[n++ % bodies.length];
      const req = http.request(
        url,
        { method: 'POST', agent, headers: { 'content-encoding': 'gzip', 'content-length': body.length } },
        (res) => {
          res.resume();
          res.on('end', () => {
            statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
            if (res.statusCode === 200) ok++;
            else failed++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed++;
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
  return { ok, failed, elapsed, perSecond: ok / elapsed, statuses: Object.fromEntries(statuses) };
}

async function measure(name: string, url: string, pid: number, bodies: Buffer[], seconds: number, concurrency: number) {
  await load(url, bodies, 2, concurrency); // warm-up: JIT, key cache, connections
  const before = procStats(pid);
  const r = await load(url, bodies, seconds, concurrency);
  const after = procStats(pid);
  const cpu = after.cpuSeconds - before.cpuSeconds;
  return {
    name,
    'accepted ev/s': Math.round(r.perSecond),
    'server CPU s': Number(cpu.toFixed(1)),
    'ev per CPU-second': Math.round(r.ok / cpu),
    'non-200': r.failed,
    'RSS MB': Math.round(after.rss / MB),
    statuses: JSON.stringify(r.statuses),
  };
}

async function main() {
  const seconds = Number(process.argv[2] ?? 10);
  const concurrency = Number(process.argv[3] ?? 50);
  const { startStack, freePort } = await import('../../tests/harness/stack.ts');
  // Spike protection would refuse a benchmark's flood to one project: measure the edge, not the quota.
  const stack = await startStack({
    name: 'bench_edge',
    workers: 0,
    env: { LOG_LEVEL: 'error', SPIKE_PROTECTION_FACTOR: '0' },
  });
  let raw: ChildProcess | undefined;
  try {
    Object.assign(process.env, {
      DATABASE_URL: stack.databaseUrl,
      REDIS_PREFIX: stack.redisPrefix,
      REDIS_URL: stack.redisUrl,
      FAULTLINE_TEST_URL: stack.baseUrl,
    });
    const { makeProject } = await import('../../tests/harness/fixtures.ts');
    const p = await makeProject();
    const rawPort = await freePort();
    raw = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], {
      env: { ...stack.env, PORT: String(rawPort), NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      raw!.stdout!.once('data', () => resolve());
      raw!.once('exit', (code) => reject(new Error(`raw server exited with ${code}`)));
    });
    const bodies = Array.from({ length: 500 }, envelopeBody);
    const avg = bodies.reduce((s, b) => s + b.length, 0) / bodies.length;
    const rawJson = zlib.gunzipSync(bodies[0]).length;
    const path = `/api/${p.project.id}/envelope/?sentry_version=7&sentry_key=${p.key.publicKey}`;
    console.log(
      `envelopes: ${rawJson} bytes of JSON, ${Math.round(avg)} bytes gzipped; ${concurrency} keep-alive ` +
        `connections, ${seconds} s per server; ${(await import('node:os')).cpus().length} cores shared with the ` +
        `load generator`,
    );

    const rows = [
      await measure(
        'Next.js route (next start)',
        `${stack.baseUrl}${path}`,
        pidOnPort(Number(new URL(stack.baseUrl).port)),
        bodies,
        seconds,
        concurrency,
      ),
      await measure(
        'node:http + lib/ingest',
        `http://127.0.0.1:${rawPort}${path}`,
        raw.pid!,
        bodies,
        seconds,
        concurrency,
      ),
    ];
    console.table(rows);
    const { Redis } = await import('ioredis');
    const r = new Redis(stack.redisUrl);
    console.log(`events on the stream: ${await r.xlen(`${stack.redisPrefix}events`)}`);
    r.disconnect();
  } finally {
    raw?.kill('SIGTERM');
    await stack.stop();
    const { closeDb } = await import('../../lib/db.ts');
    await closeDb();
  }
}
