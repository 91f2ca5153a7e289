// Admin → Status (/api/0/internal/status/) on a Faultline of its own that starts without a worker, so the queue can
// be watched filling: events sent through the ingest edge count as accepted and wait with a lag; a worker started
// afterwards shows up in the consumer group, stores them, and the stored count meets the accepted one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { startStack, type Stack } from '../harness/stack.ts';
import { SessionClient } from '../harness/session.ts';
import { waitFor } from '../harness/wait.ts';
import { createDb, type Db } from '../../lib/db.ts';
import { ensureProject } from '../../lib/projects/setup.ts';
import { createLocalUser } from '../../lib/users/users.ts';
import type { StatusReport } from '../../lib/status/contract.ts';

const SENT = 7;
let stack: Stack;
let pdb: Db;
let admin: SessionClient;
let project: { id: number; slug: string; org: string; publicKey: string };
let worker: ChildProcess | undefined;

beforeAll(async () => {
  // No scheduled cleanup: this stack's worker has nothing to clean and the test is not about it.
  stack = await startStack({ name: 'status', workers: 0, env: { CLEANUP_INTERVAL_MINUTES: '0', LOG_LEVEL: 'error' } });
  pdb = createDb(stack.databaseUrl, 2);
  const p = await ensureProject(pdb, { org: 'status-org', project: 'status-project' });
  project = { id: p.project.id, slug: p.project.slug, org: p.org.slug, publicKey: p.key.publicKey };
  await createLocalUser(pdb, { email: 'root@status.test', password: 'correct horse battery', superuser: true });
  admin = new SessionClient(stack.baseUrl);
  expect((await admin.signIn('root@status.test', 'correct horse battery')).ok).toBe(true);
}, 180_000);

afterAll(async () => {
  worker?.kill('SIGTERM');
  await pdb?.$disconnect();
  await stack?.stop();
});

async function status(): Promise<StatusReport> {
  const r = await admin.fetch('/api/0/internal/status/');
  expect(r.status).toBe(200);
  return (await r.json()) as StatusReport;
}

const total = (s: StatusReport, k: 'accepted' | 'stored') => s.throughput.reduce((n, m) => n + m[k], 0);

function send(i: number, key = project.publicKey) {
  return fetch(`${stack.baseUrl}/api/${project.id}/store/?sentry_key=${key}`, {
    method: 'POST',
    body: JSON.stringify({ event_id: i.toString(16).padStart(32, 'a'), message: `status check ${i}` }),
  });
}

describe('Admin → Status', () => {
  it('shows accepted events waiting on the queue, then stored by the worker that appears', async () => {
    const empty = await status();
    expect(empty.throughput).toHaveLength(60);
    expect(total(empty, 'accepted')).toBe(0);
    expect(empty.workers).toEqual([]);

    for (let i = 0; i < SENT; i++) expect((await send(i)).status).toBe(200);
    // Refused at the edge: not accepted, so not counted.
    expect((await send(99, 'f'.repeat(32))).status).toBe(403);

    const waiting = await status();
    expect(total(waiting, 'accepted')).toBe(SENT);
    expect(total(waiting, 'stored')).toBe(0);
    expect(waiting.queue).toMatchObject({ length: SENT, undelivered: SENT, pending: 0 });
    expect(waiting.queue.lagSeconds).toBeGreaterThan(0);
    expect(waiting.workers).toEqual([]);

    worker = stack.startWorker();
    const stored = await waitFor(
      status,
      // Both lanes have gone round their loop once the page counts two.
      (s) =>
        total(s, 'stored') === SENT && s.queue.undelivered === 0 && s.queue.pending === 0 && s.workers[0]?.lanes === 2,
      60_000,
      250,
    );
    expect(total(stored, 'stored')).toBe(SENT);
    expect(total(stored, 'accepted')).toBe(SENT);
    expect(stored.queue.lagSeconds).toBe(0);
    // One row for the worker process, named by its pid, with its two lanes (WORKER_CONCURRENCY's default).
    expect(stored.workers).toHaveLength(1);
    expect(stored.workers[0]).toMatchObject({ pid: worker.pid, lanes: 2, pending: 0, active: true });
    expect(stored.workers[0].seenSecondsAgo).toBeLessThan(60);
    expect(stored.staleWorkers).toBe(0);

    // The only project with events holds all of the events table.
    const { storage } = stored;
    expect(storage.largestProjects).toEqual([
      {
        id: project.id,
        org: project.org,
        slug: project.slug,
        name: expect.any(String),
        events: SENT,
        estimatedBytes: storage.eventTableBytes,
      },
    ]);
    expect(storage.eventTableBytes).toBeGreaterThan(0);
    expect(storage.databaseBytes).toBeGreaterThan(storage.eventTableBytes);
  }, 120_000);

  it('counts a message the worker cannot store as a dead letter', async () => {
    expect(worker).toBeDefined();
    const before = (await status()).queue.deadLetters;
    const r = new Redis(stack.redisUrl);
    try {
      await r.xadd(`${stack.redisPrefix}events`, '*', 'e', '{not json');
    } finally {
      r.disconnect();
    }
    const after = await waitFor(status, (s) => s.queue.deadLetters > before, 30_000, 250);
    expect(after.queue.deadLetters).toBe(before + 1);
  }, 60_000);
});
