// Benchmark of source-map resolution in the worker: a bundle with a ~5 MB map (the test app bundled with
// @sentry/browser by esbuild), events whose three frames point into it by debug ID.
// Prints the cold cost of the first event (fetch + parse the map), the warm cost per event in-process, and the
// stored events/s of one worker process with and without source-mapped events.
// Run: npx tsx bench/sourcemaps.ts [events=20000]
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { TraceMap, generatedPositionFor } from '@jridgewell/trace-mapping';

const total = Number(process.argv[2] ?? 20_000);
const DEBUG_ID = '5e0b1e2c-0d9a-4c1e-9f3b-2a7c5d8e9f01';
const root = path.resolve(import.meta.dirname, '..');

// The app plus a large library, so the map is several megabytes as real front-end bundles are.
const dir = mkdtempSync(path.join(tmpdir(), 'faultline-bench-sm-'));
cpSync(path.join(root, 'tests/fixtures/sourcemaps/app/src'), path.join(dir, 'src'), { recursive: true });
writeFileSync(
  path.join(dir, 'entry.js'),
  `import * as Sentry from '@sentry/browser'; export { Sentry }; export * from './src/index.js';`,
);
await build({
  entryPoints: [path.join(dir, 'entry.js')],
  nodePaths: [path.join(root, 'node_modules')],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  outfile: path.join(dir, 'dist/app.min.js'),
  logLevel: 'silent',
});
const script = readFileSync(path.join(dir, 'dist/app.min.js'), 'utf8');
const mapText = readFileSync(path.join(dir, 'dist/app.min.js.map'), 'utf8');
const tm = new TraceMap(mapText);
const src = (name: string) => tm.sources.find((s) => s?.endsWith(`src/${name}`))!;
// Where the three original call sites landed in the bundle (Sentry columns are 1-based).
const frames = [
  ['index.js', 4, 9, 'y'],
  ['cart.js', 5, 21, 'e'],
  ['pricing.js', 10, 10, 'c'],
].map(([file, line, column, fn]) => {
  const g = generatedPositionFor(tm, { source: src(file as string), line: line as number, column: column as number });
  return { filename: '/srv/app/dist/app.min.js', function: fn, lineno: g.line!, colno: g.column! + 1, in_app: true };
});

function payload(i: number, mapped: boolean) {
  return {
    event_id: (i + 1).toString(16).padStart(32, '0'),
    platform: 'node',
    level: 'error',
    release: 'bench@1',
    exception: {
      values: [{ type: 'Error', value: `unknown discount code: C${i % 1000}`, stacktrace: { frames } }],
    },
    ...(mapped
      ? { debug_meta: { images: [{ type: 'sourcemap', code_file: frames[0].filename, debug_id: DEBUG_ID }] } }
      : {}),
  };
}

const { startStack } = await import('../tests/harness/stack.ts');
const stack = await startStack({ name: 'bench_sourcemaps', workers: 0, env: { LOG_LEVEL: 'error' } });
Object.assign(process.env, {
  DATABASE_URL: stack.databaseUrl,
  REDIS_PREFIX: stack.redisPrefix,
  REDIS_URL: stack.redisUrl,
  FAULTLINE_TEST_URL: stack.baseUrl,
});
const { db, closeDb } = await import('../lib/db.ts');
const { sqlPool, closeSqlPool } = await import('../lib/sql.ts');
const { createRedis } = await import('../lib/redis.ts');
const { enqueueEvents } = await import('../lib/queue/eventStream.ts');
const { makeProject } = await import('../tests/harness/fixtures.ts');
const { normalizeEvent } = await import('../lib/events/normalize.ts');
const { SourceMapResolver } = await import('../lib/sourcemaps/resolveBatch.ts');
const { SqlArtifactStore } = await import('../lib/sourcemaps/resolveStore.ts');
const redis = createRedis();

async function uploadBundle(projectId: number, orgId: number) {
  const file = (url: string, type: string, text: string, sourcemapRef: string | null) => ({
    url,
    type,
    debugId: DEBUG_ID,
    sourcemapRef,
    sha1: '0'.repeat(40),
    size: Buffer.byteLength(text),
    content: Buffer.from(text),
  });
  await db().artifactBundle.create({
    data: {
      orgId,
      projects: { create: [{ projectId }] },
      files: {
        create: [
          file('~/app.min.js', 'minified_source', script, 'app.min.js.map'),
          file('~/app.min.js.map', 'source_map', mapText, null),
        ],
      },
    },
  });
}

async function stored(projectId: number): Promise<number> {
  const r = await db().$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "Event" WHERE "projectId" = $1`,
    projectId,
  );
  return r[0].n;
}

/** In-process: the first event (cold: query, fetch and parse the map) and then warm batches of 500. */
async function inProcess(projectId: number) {
  const resolver = new SourceMapResolver(new SqlArtifactStore(sqlPool), 256 * 1024 * 1024);
  const ev = () => normalizeEvent(payload(0, true), { receivedAt: new Date() });
  let t = performance.now();
  const first = ev();
  await resolver.resolve([{ projectId, event: first }]);
  const cold = performance.now() - t;
  if (first.exception!.values[0].stacktrace!.frames[2].function !== 'applyDiscount')
    throw new Error(`not resolved: ${JSON.stringify(first.exception!.values[0].stacktrace!.frames[2])}`);
  const batches = 20;
  t = performance.now();
  for (let b = 0; b < batches; b++)
    await resolver.resolve(Array.from({ length: 500 }, () => ({ projectId, event: ev() })));
  const warm = (performance.now() - t) / (batches * 500);
  return {
    'map MB': Number((mapText.length / 1024 / 1024).toFixed(1)),
    'script KB': Math.round(script.length / 1024),
    'cold first event ms': Math.round(cold),
    'warm µs/event (normalize + resolve)': Math.round(warm * 1000),
    'cache MB': Math.round(resolver.cache.size / 1024 / 1024),
  };
}

async function throughput(mapped: boolean) {
  const p = await makeProject();
  await uploadBundle(p.project.id, p.org.id);
  const worker = stack.startWorker({ LOG_LEVEL: 'error' });
  await new Promise((r) => setTimeout(r, 4000)); // tsx start-up, connections, consumer group
  // One event first, so the measured run starts with a warm cache (the cold cost is measured above).
  const queued = (i: number) => ({
    projectId: p.project.id,
    keyId: p.key.id,
    eventId: payload(i, mapped).event_id,
    receivedAt: new Date().toISOString(),
    payload: JSON.stringify(payload(i, mapped)),
  });
  await enqueueEvents(redis, [queued(total)]);
  while ((await stored(p.project.id)) < 1) await new Promise((r) => setTimeout(r, 50));
  const started = performance.now();
  for (let i = 0; i < total; i += 1000)
    await enqueueEvents(
      redis,
      Array.from({ length: Math.min(1000, total - i) }, (_, k) => queued(i + k)),
    );
  while ((await stored(p.project.id)) < total + 1) await new Promise((r) => setTimeout(r, 100));
  const elapsed = (performance.now() - started) / 1000;
  const issues = await db().issue.findMany({ where: { projectId: p.project.id }, select: { culprit: true } });
  worker.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  return {
    events: total,
    'source-mapped': mapped,
    'stored ev/s (1 worker)': Math.round(total / elapsed),
    issues: issues.length,
    culprit: issues[0]?.culprit,
  };
}

try {
  const p = await makeProject();
  await uploadBundle(p.project.id, p.org.id);
  console.log('source-map resolution, in process:');
  console.table([await inProcess(p.project.id)]);
  console.log(`one worker process, ${total} events of 3 frames each, batch ${process.env.WORKER_BATCH_SIZE ?? 500}:`);
  console.table([await throughput(true), await throughput(false)]);
} finally {
  redis.disconnect();
  await closeSqlPool();
  await stack.stop();
  await closeDb();
}
