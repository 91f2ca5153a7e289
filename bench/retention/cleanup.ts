// Benchmark of retention at scale: N events spread over 120 days, then a 90-day cleanup (batched deletes) while a
// worker keeps storing new events; prints the cleanup time, accept→stored latency before and during it, and the
// bytes each stored event takes (heap, TOAST, indexes). Every number comes with the load average it was taken at.
// Run: npx tsx bench/retention/cleanup.ts [events=100000] [rate=100]   (the full size: 2000000)
// BENCH_NAME names the stack (its database is faultline_test_<name>_…), so two runs can tell theirs apart.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { benchEvent } from '../ingest/payload.ts';

const total = Number(process.argv[2] ?? 100_000);
const rate = Number(process.argv[3] ?? 100);
const SPAN_DAYS = 120;
const KEEP_DAYS = 90;
const VARIANTS = 200; // issues; the last 20% only have events older than the retention
const DAY = 86_400_000;

const load = () => os.loadavg()[0].toFixed(1);
const MB = (b: number) => (b / 1024 / 1024).toFixed(1);

const { startStack } = await import('../../tests/harness/stack.ts');
const stack = await startStack({
  name: process.env.BENCH_NAME ?? 'bench_retention',
  workers: 0,
  env: { LOG_LEVEL: 'error' },
});
Object.assign(process.env, {
  DATABASE_URL: stack.databaseUrl,
  REDIS_PREFIX: stack.redisPrefix,
  REDIS_URL: stack.redisUrl,
  FAULTLINE_TEST_URL: stack.baseUrl,
});
const { closeDb } = await import('../../lib/db.ts');
const { sql, sqlPool, closeSqlPool } = await import('../../lib/sql.ts');
const { createRedis } = await import('../../lib/redis.ts');
const { enqueueEvents } = await import('../../lib/queue/eventStream.ts');
const { prepareEvent } = await import('../../lib/digest/prepareEvent.ts');
const { storeEvents } = await import('../../lib/digest/storeEvents.ts');
const { cleanupExclusively } = await import('../../lib/retention/schedule.ts');
const { formatSummary } = await import('../../lib/retention/cleanup.ts');
const { makeProject } = await import('../../tests/harness/fixtures.ts');
const redis = createRedis();
const s = sql(sqlPool());

function queued(projectId: number, keyId: number, variant: number, at: number) {
  const ev = { ...benchEvent(variant, variant), timestamp: at / 1000 };
  return {
    projectId,
    keyId,
    eventId: ev.event_id,
    receivedAt: new Date(at).toISOString(),
    payload: JSON.stringify(ev),
  };
}

/** One real event per issue through the digest, then copies of those rows spread over 120 days by SQL. */
async function seed(projectId: number, keyId: number) {
  const now = Date.now();
  await storeEvents(
    sqlPool(),
    Array.from({ length: VARIANTS }, (_, v) => prepareEvent(queued(projectId, keyId, v, now - SPAN_DAYS * DAY))),
  );
  const templates = await s.rows<{ id: string }>(
    `SELECT id FROM "Event" WHERE "projectId" = $1 ORDER BY id`,
    projectId,
  );
  const ids = templates.map((t) => t.id);
  const recent = ids.slice(0, Math.floor(VARIANTS * 0.8));
  const chunk = 50_000;
  const started = performance.now();
  for (let from = 0; from < total; from += chunk) {
    const to = Math.min(total, from + chunk) - 1;
    // Event g is at now - 120 days × (1 - g/N); older than the retention it may belong to any issue.
    await s.run(
      `INSERT INTO "Event" ("projectId", "issueId", "eventId", "timestamp", "received", "level", "release",
         "environment", "title", "message", "culprit", "userKey", "data", "hash")
       SELECT e."projectId", e."issueId", md5(g::text || $5), x.at, x.at, e.level, e.release,
         e.environment, e.title, e.message, e.culprit, e."userKey", e.data, e.hash
       FROM generate_series($1::int, $2::int) g
       CROSS JOIN LATERAL (SELECT $3::timestamptz - $4::float8 * interval '1 day' * (1 - g::float8 / $6) AS at) x
       CROSS JOIN LATERAL (SELECT CASE WHEN x.at < $3::timestamptz - interval '${KEEP_DAYS} days'
                                  THEN $7::bigint[] ELSE $8::bigint[] END AS pool) k
       CROSS JOIN LATERAL (SELECT * FROM "Event" t WHERE t.id = k.pool[1 + g % cardinality(k.pool)]) e`,
      from,
      to,
      new Date(now),
      SPAN_DAYS,
      randomBytes(4).toString('hex'),
      total,
      ids,
      recent,
    );
    process.stdout.write(`\rseeded ${to + 1} / ${total} events (load ${load()})`);
  }
  await s.run(`DELETE FROM "Event" WHERE id = ANY($1::bigint[])`, ids);
  await s.run(
    `UPDATE "Issue" i SET "lastSeen" = m.last, "firstSeen" = m.first, "eventCount" = m.n
     FROM (SELECT "issueId", max("timestamp") AS last, min("timestamp") AS first, count(*) AS n FROM "Event"
           WHERE "projectId" = $1 GROUP BY "issueId") m WHERE m."issueId" = i.id`,
    projectId,
  );
  await s.run(
    `INSERT INTO "IssueHourlyCount" ("issueId", "hour", "count")
     SELECT "issueId", date_trunc('hour', "timestamp"), count(*) FROM "Event" WHERE "projectId" = $1 GROUP BY 1, 2
     ON CONFLICT ("issueId", "hour") DO UPDATE SET "count" = EXCLUDED."count"`,
    projectId,
  );
  await s.run(`VACUUM ANALYZE "Event"`);
  return (performance.now() - started) / 1000;
}

async function storage(projectId: number) {
  const [r] = await s.rows<{ heap: string; toast: string; indexes: string; n: number; payload: string }>(
    `SELECT pg_relation_size('"Event"') AS heap,
            coalesce(pg_total_relation_size(c.reltoastrelid), 0) AS toast,
            pg_indexes_size('"Event"') AS indexes,
            (SELECT count(*)::int FROM "Event" WHERE "projectId" = $1) AS n,
            (SELECT avg(octet_length(data::text))::int FROM (SELECT data FROM "Event" LIMIT 1000) d) AS payload
     FROM pg_class c WHERE c.oid = '"Event"'::regclass`,
    projectId,
  );
  const [heap, toast, indexes] = [Number(r.heap), Number(r.toast), Number(r.indexes)];
  return {
    events: r.n,
    'payload JSON bytes': Number(r.payload),
    'heap B/ev': Math.round(heap / r.n),
    'TOAST B/ev': Math.round(toast / r.n),
    'indexes B/ev': Math.round(indexes / r.n),
    'total B/ev': Math.round((heap + toast + indexes) / r.n),
    'total MB': MB(heap + toast + indexes),
    load: load(),
  };
}

/** Sends `rate` events/s through the stream until `until()` and returns accept→stored latencies (ms). */
async function steadyLoad(projectId: number, keyId: number, until: () => boolean) {
  const received = new Map<string, number>();
  const latencies: number[] = [];
  let sending = true;
  const poller = (async () => {
    const deadline = () => !sending && Date.now() - stoppedAt > 60_000;
    while ((sending || received.size > 0) && !deadline()) {
      const pending = [...received.keys()].slice(0, 5000);
      const rows = pending.length
        ? await s.rows<{ eventId: string }>(
            `SELECT "eventId" FROM "Event" WHERE "projectId" = $1 AND "eventId" = ANY($2::text[])`,
            projectId,
            pending,
          )
        : [];
      const now = Date.now();
      for (const r of rows) {
        latencies.push(now - received.get(r.eventId)!);
        received.delete(r.eventId);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  let stoppedAt = 0;
  const perTick = Math.max(1, Math.round(rate / 10));
  let i = 0;
  while (!until()) {
    const tick = Date.now();
    const events = Array.from({ length: perTick }, () => queued(projectId, keyId, i++ % 160, Date.now()));
    for (const e of events) received.set(e.eventId, Date.parse(e.receivedAt));
    await enqueueEvents(redis, events);
    await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - tick))));
  }
  sending = false;
  stoppedAt = Date.now();
  await poller;
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    stored: latencies.length,
    'p50 ms': pct(0.5),
    'p95 ms': pct(0.95),
    'max ms': latencies.at(-1),
    'not stored': received.size,
  };
}

try {
  console.log(
    `retention benchmark: ${total} events over ${SPAN_DAYS} days, cleanup to ${KEEP_DAYS} days;` +
      ` ${os.cpus().length} cores (load ${load()})`,
  );
  const p = await makeProject();
  const seedSeconds = await seed(p.project.id, p.key.id);
  console.log(`\nseeded in ${seedSeconds.toFixed(0)} s (load ${load()})`);
  console.log('storage of the Event table:');
  console.table([await storage(p.project.id)]);

  stack.startWorker({ LOG_LEVEL: 'error', CLEANUP_INTERVAL_MINUTES: '0' });
  // Measure once the worker stores: its start-up (tsx, connections, consumer group) is not the latency asked about.
  const warm = queued(p.project.id, p.key.id, 0, Date.now());
  await enqueueEvents(redis, [warm]);
  while (!(await s.rows(`SELECT 1 FROM "Event" WHERE "eventId" = $1`, warm.eventId)).length)
    await new Promise((r) => setTimeout(r, 200));
  const baselineEnd = Date.now() + 15_000;
  const baseline = await steadyLoad(p.project.id, p.key.id, () => Date.now() > baselineEnd);
  console.log(`accept→stored at ${rate} ev/s without cleanup (load ${load()}):`);
  console.table([baseline]);

  let summary: Awaited<ReturnType<typeof cleanupExclusively>> = null;
  let cleaning = true;
  const loadDuring: number[] = [];
  const sampler = setInterval(() => loadDuring.push(os.loadavg()[0]), 1000);
  loadDuring.push(os.loadavg()[0]);
  const job = cleanupExclusively({ days: KEEP_DAYS }).then((r) => {
    summary = r;
    cleaning = false;
  });
  const during = await steadyLoad(p.project.id, p.key.id, () => !cleaning);
  await job;
  clearInterval(sampler);
  loadDuring.push(os.loadavg()[0]);
  const avgLoad = (loadDuring.reduce((a, b) => a + b, 0) / Math.max(1, loadDuring.length)).toFixed(1);
  console.log(`cleanup: ${summary ? formatSummary(summary) : 'lock taken'} (load ${load()}, average ${avgLoad})`);
  console.log(`accept→stored at ${rate} ev/s during the cleanup (load average ${avgLoad}):`);
  console.table([during]);
  console.log('storage after the cleanup (before VACUUM returns space for reuse):');
  console.table([await storage(p.project.id)]);
} finally {
  redis.disconnect();
  await closeSqlPool();
  await closeDb();
  await stack.stop();
}
