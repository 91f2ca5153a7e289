// Benchmark of the event worker: events grouped and stored per second from a full stream, worker RSS, and the
// accept→stored latency at a steady rate. Run: npx tsx bench/ingest/worker.ts [events=30000] [rate=1000] [seconds=10]
import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { benchEvent } from './payload.ts';

const MB = 1024 * 1024;
const total = Number(process.argv[2] ?? 30_000);
const rate = Number(process.argv[3] ?? 1000);
const steadySeconds = Number(process.argv[4] ?? 10);

function rss(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
  } catch {
    return 0;
  }
}

const { startStack } = await import('../../tests/harness/stack.ts');
const stack = await startStack({ name: 'bench_worker', workers: 0, env: { LOG_LEVEL: 'error' } });
Object.assign(process.env, {
  DATABASE_URL: stack.databaseUrl,
  REDIS_PREFIX: stack.redisPrefix,
  REDIS_URL: stack.redisUrl,
  FAULTLINE_TEST_URL: stack.baseUrl,
});
const { db, closeDb } = await import('../../lib/db.ts');
const { createRedis } = await import('../../lib/redis.ts');
const { enqueueEvents, streamKey } = await import('../../lib/queue/eventStream.ts');
const { makeProject } = await import('../../tests/harness/fixtures.ts');
const redis = createRedis();
const workers: ChildProcess[] = [];

function queued(projectId: number, keyId: number, i: number) {
  const ev = benchEvent(i % 50, i % 1000);
  return {
    projectId,
    keyId,
    eventId: ev.event_id,
    receivedAt: new Date().toISOString(),
    clientIp: '10.0.0.1',
    payload: JSON.stringify(ev),
  };
}

async function eventCount(projectId: number): Promise<number> {
  const r = await db().$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "Event" WHERE "projectId" = $1`,
    projectId,
  );
  return r[0].n;
}

async function startWorkers(n: number) {
  for (let i = 0; i < n; i++) workers.push(stack.startWorker({ LOG_LEVEL: 'error' }));
  await new Promise((r) => setTimeout(r, 4000)); // tsx start-up, connections, consumer group
}

async function throughput(workerCount: number) {
  const p = await makeProject();
  await startWorkers(workerCount);
  const mine = workers.slice(-workerCount);
  const batch = 1000;
  const started = performance.now();
  for (let i = 0; i < total; i += batch) {
    await enqueueEvents(
      redis,
      Array.from({ length: Math.min(batch, total - i) }, (_, k) => queued(p.project.id, p.key.id, i + k)),
    );
  }
  const enqueued = (performance.now() - started) / 1000;
  let maxRss = 0;
  let stored = 0;
  while (stored < total) {
    await new Promise((r) => setTimeout(r, 100));
    stored = await eventCount(p.project.id);
    for (const w of mine) maxRss = Math.max(maxRss, rss(w.pid!));
  }
  const elapsed = (performance.now() - started) / 1000;
  const issues = await db().issue.findMany({ where: { projectId: p.project.id } });
  const counted = issues.reduce((s, i) => s + Number(i.eventCount), 0);
  for (const w of mine) w.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  return {
    workers: workerCount,
    events: total,
    'enqueue s': Number(enqueued.toFixed(1)),
    'stored ev/s': Math.round(total / elapsed),
    issues: issues.length,
    'counted events': counted,
    'max worker RSS MB': Math.round(maxRss / MB),
  };
}

async function latency() {
  const p = await makeProject();
  await startWorkers(1);
  const received = new Map<string, number>();
  const latencies: number[] = [];
  let done = false;
  let doneAt = 0;
  // Looked up by event id: with several lanes, rows with lower ids can commit after higher ones.
  const poller = (async () => {
    while ((!done || received.size > 0) && !(done && Date.now() - doneAt > 60_000)) {
      const pending = [...received.keys()].slice(0, 5000);
      const rows = pending.length
        ? await db().event.findMany({
            where: { projectId: p.project.id, eventId: { in: pending } },
            select: { eventId: true },
          })
        : [];
      const now = Date.now();
      for (const r of rows) {
        latencies.push(now - received.get(r.eventId)!);
        received.delete(r.eventId);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const perTick = Math.max(1, Math.round(rate / 100));
  const end = Date.now() + steadySeconds * 1000;
  let i = 0;
  let sent = 0;
  while (Date.now() < end) {
    const tickStart = Date.now();
    const events = Array.from({ length: perTick }, () => queued(p.project.id, p.key.id, i++));
    for (const e of events) received.set(e.eventId, Date.parse(e.receivedAt));
    sent += events.length;
    await enqueueEvents(redis, events);
    await new Promise((r) => setTimeout(r, Math.max(0, 10 - (Date.now() - tickStart))));
  }
  done = true;
  doneAt = Date.now();
  await poller;
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    'rate ev/s': Math.round(sent / steadySeconds),
    events: sent,
    'p50 ms': pct(0.5),
    'p95 ms': pct(0.95),
    'p99 ms': pct(0.99),
    'max ms': latencies[latencies.length - 1],
    'not stored after 60 s': received.size,
  };
}

try {
  console.log(
    `worker benchmark: ${total} events of ~${JSON.stringify(benchEvent()).length} bytes (10 frames), 50 issues, ` +
      `1000 users; batch ${process.env.WORKER_BATCH_SIZE ?? 500}`,
  );
  console.table([await throughput(1)]);
  console.table([await throughput(2)]);
  console.log(`accept→stored latency at a steady rate (1 worker, ${steadySeconds} s):`);
  console.table([await latency()]);
  console.log(`stream length after the runs (trimmed once acknowledged): ${await redis.xlen(streamKey())}`);
} finally {
  for (const w of workers) w.kill('SIGTERM');
  redis.disconnect();
  await stack.stop();
  await closeDb();
}
