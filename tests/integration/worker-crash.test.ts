// Workers killed with SIGKILL in the middle of a batch lose nothing and count nothing twice; a message that
// can never be stored goes to the dead-letter stream; acknowledged entries are trimmed off the stream. A worker
// stopped with SIGTERM exits by itself with status 0.
// Runs its own Faultline (no shared workers) so it can kill workers at will.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort, startStack, type Stack } from '../harness/stack.ts';
import { createDb, type Db } from '../../lib/db.ts';
import { ensureProject } from '../../lib/projects/setup.ts';

const TOTAL = 2000;
let stack: Stack;
let pdb: Db;
let redis: Redis;
let projectId: number;
let publicKey: string;

const stream = () => `${stack.redisPrefix}events`;

function event(i: number) {
  const variant = i % 20;
  return {
    event_id: i.toString(16).padStart(32, '0'),
    environment: i % 3 ? 'production' : 'staging',
    user: { id: `user-${i % 97}` },
    tags: { shard: `s${i % 5}` },
    exception: {
      values: [
        {
          type: 'KeyError',
          value: `'item-${i}'`,
          stacktrace: { frames: [{ module: 'shop.cart', function: `step${variant}`, in_app: true, lineno: i }] },
        },
      ],
    },
  };
}

/**
 * Puts event `i` on the stream the way the edge does, bypassing HTTP (a replay, or while the web is beside the point).
 */
async function enqueueDirectly(i: number) {
  const e = event(i);
  const queued = {
    projectId,
    keyId: 0,
    eventId: e.event_id,
    receivedAt: new Date().toISOString(),
    payload: JSON.stringify(e),
  };
  await redis.xadd(stream(), '*', 'e', JSON.stringify(queued));
}

async function send(from: number, to: number) {
  const url = `${stack.baseUrl}/api/${projectId}/store/?sentry_key=${publicKey}`;
  let next = from;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < to) {
        const i = next++;
        const r = await fetch(url, { method: 'POST', body: JSON.stringify(event(i)) });
        expect(r.status).toBe(200);
      }
    }),
  );
}

const storedCount = async () => pdb.event.count({ where: { projectId } });

async function until(cond: () => Promise<boolean>, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function exited(w: ChildProcess) {
  return new Promise<void>((resolve) =>
    w.exitCode !== null || w.signalCode !== null ? resolve() : w.once('exit', () => resolve()),
  );
}

beforeAll(async () => {
  stack = await startStack({
    name: 'crash',
    workers: 0,
    // Spike protection would refuse this test's flood to one new project: it is about crashes, not quotas.
    env: { WORKER_CLAIM_IDLE_MS: '800', WORKER_BATCH_SIZE: '100', LOG_LEVEL: 'error', SPIKE_PROTECTION_FACTOR: '0' },
  });
  pdb = createDb(stack.databaseUrl, 4);
  redis = new Redis(stack.redisUrl);
  const p = await ensureProject(pdb, { org: 'crash-org', project: 'crash-project' });
  projectId = p.project.id;
  publicKey = p.key.publicKey;
}, 180_000);

afterAll(async () => {
  redis?.disconnect();
  await pdb?.$disconnect();
  await stack?.stop();
});

describe('worker crash safety', () => {
  it('loses nothing and double-counts nothing when workers are SIGKILLed mid-batch', async () => {
    await send(0, TOTAL);
    // A poisoned message among them: it must end on the dead-letter stream, not block the rest.
    await redis.xadd(stream(), '*', 'e', '{not json');

    let killedWithPending = 0;
    for (let cycle = 0; cycle < 3; cycle++) {
      const before = await storedCount();
      const w = stack.startWorker();
      await until(async () => (await storedCount()) > before, 60_000, 'the worker to store something');
      await new Promise((r) => setTimeout(r, Math.random() * 60));
      w.kill('SIGKILL');
      await exited(w);
      const [pending] = (await redis.xpending(stream(), 'workers')) as [number];
      if (Number(pending) > 0) killedWithPending++;
    }
    // At least one kill hit a batch that was read but not acknowledged.
    expect(killedWithPending).toBeGreaterThan(0);

    // A crash between commit and acknowledgement delivers stored events again: they must count zero.
    const alreadyStored = (await pdb.event.findMany({ where: { projectId }, select: { eventId: true }, take: 50 })).map(
      (e) => e.eventId,
    );
    for (const eventId of alreadyStored) {
      await enqueueDirectly(parseInt(eventId, 16));
    }
    const replayed = alreadyStored.length;

    const last = stack.startWorker();
    try {
      await until(async () => (await storedCount()) >= TOTAL, 90_000, 'all events to be stored');
      await until(
        async () => Number(((await redis.xpending(stream(), 'workers')) as [number])[0]) === 0,
        30_000,
        'nothing pending',
      );
      // Everything is acknowledged, so the worker trims the stream (approximate trimming keeps at most a node's worth).
      await until(async () => (await redis.xlen(stream())) < 200, 10_000, 'the stream to be trimmed');
    } finally {
      last.kill('SIGTERM');
      await exited(last);
    }
    expect(await storedCount()).toBe(TOTAL);

    const issues = await pdb.issue.findMany({ where: { projectId } });
    expect(issues).toHaveLength(20);
    for (const issue of issues) {
      const events = await pdb.event.findMany({
        where: { issueId: issue.id },
        select: { userKey: true, environment: true },
      });
      expect(Number(issue.eventCount)).toBe(events.length);
      expect(issue.userCount).toBe(new Set(events.map((e) => e.userKey)).size);
      expect(await pdb.issueUser.count({ where: { issueId: issue.id } })).toBe(issue.userCount);
      const hourly = await pdb.issueHourlyCount.findMany({ where: { issueId: issue.id } });
      expect(hourly.reduce((s, h) => s + h.count, 0)).toBe(events.length);
      const envTags = await pdb.issueTagValue.findMany({ where: { issueId: issue.id, key: 'environment' } });
      expect(envTags.reduce((s, t) => s + Number(t.count), 0)).toBe(events.length);
    }
    const projectHourly = await pdb.projectHourlyCount.findMany({ where: { projectId } });
    expect(projectHourly.reduce((s, h) => s + h.count, 0)).toBe(TOTAL);
    expect(replayed).toBeGreaterThan(0);

    const dead = await redis.xrange(`${stack.redisPrefix}events:dead`, '-', '+');
    expect(dead).toHaveLength(1);
    expect(dead[0][1]).toContain('{not json');
  }, 240_000);

  it('keeps web and worker running when PostgreSQL drops their connections', async () => {
    const enqueue = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        await enqueueDirectly(i);
      }
    };
    const before = await storedCount();
    const w = stack.startWorker();
    try {
      await enqueue(TOTAL, TOTAL + 10);
      await until(async () => (await storedCount()) >= before + 10, 60_000, 'the first events');
      expect(await fetch(`${stack.baseUrl}/_health/`).then((r) => r.status)).toBe(200);
      // What a PostgreSQL restart or failover does to every open connection.
      await pdb.$executeRawUnsafe(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <>
          pg_backend_pid()`,
      );
      await new Promise((r) => setTimeout(r, 1000));
      expect(w.exitCode).toBeNull();
      await enqueue(TOTAL + 10, TOTAL + 20);
      await until(
        async () => (await storedCount().catch(() => 0)) >= before + 20,
        60_000,
        'events after the connections were dropped',
      );
      await until(
        async () =>
          (await fetch(`${stack.baseUrl}/_health/`)
            .then((r) => r.status)
            .catch(() => 0)) === 200,
        20_000,
        'the web server to be healthy again',
      );
    } finally {
      w.kill('SIGTERM');
      await exited(w);
    }
  }, 120_000);

  it('exits by itself with status 0 soon after SIGTERM, nothing left holding it open', async () => {
    const metricsPort = await freePort();
    const w = stack.startWorker({ METRICS_PORT: String(metricsPort) });
    const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      w.once('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      // Once it stored an event, its loops and scheduled jobs (the usage flush runs at start) are all under way.
      const before = await storedCount();
      await enqueueDirectly(TOTAL + 100); // an id the tests above did not use
      await until(async () => (await storedCount()) > before, 60_000, 'the worker to store the event');
      // A scrape opens the metrics' own Redis connection and leaves a kept-alive connection to the metrics server.
      const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(await scrape.text()).toContain('faultline_events_stored_total');
      w.kill('SIGTERM');
      // Far less than the 25 s a supervisor waits before SIGKILL; a forgotten timer (the cron's sleep was 60 s) or
      // an open connection would keep it alive past this.
      const stopped = await Promise.race([
        exit,
        new Promise<'still running'>((r) => setTimeout(r, 10_000, 'still running')),
      ]);
      expect(stopped).toEqual({ code: 0, signal: null });
    } finally {
      w.kill('SIGKILL');
      await exited(w);
    }
  }, 120_000);
});
