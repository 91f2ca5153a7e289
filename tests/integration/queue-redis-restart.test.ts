// Redis restarted empty (no persistence, a failover to a fresh replica, FLUSHALL): XADD recreates the stream but not
// the consumer group. A running worker must recreate the group and store what arrives; health must say so while
// events wait with no group. A throwaway redis-server and a real worker process; the test stack's database.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/cli/paths.ts';
import { db } from '../../lib/db.ts';
import { makeProject } from '../harness/fixtures.ts';
import { ThrowawayRedis } from '../harness/throwaway.ts';
import { storeRequest } from './ingest-support.ts';
import { waitFor } from '../harness/wait.ts';

const redis = await ThrowawayRedis.start();
process.env.REDIS_URL = redis.url;
process.env.REDIS_PREFIX = `fltest:restart:${randomBytes(3).toString('hex')}:`;
const { handleIngest } = await import('../../lib/ingest/ingest.ts');
const { checkHealth } = await import('../../lib/health.ts');

let project: Awaited<ReturnType<typeof makeProject>>;
const workers: ChildProcess[] = [];
let workerLog = '';

function startWorker(): ChildProcess {
  const w = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'workers', 'main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, WORKER_CONCURRENCY: '2', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  w.stderr!.on('data', (d: Buffer) => (workerLog += d.toString()));
  workers.push(w);
  return w;
}

async function kill(w: ChildProcess) {
  if (w.exitCode !== null || w.signalCode !== null) return;
  await new Promise<void>((ok) => {
    w.once('exit', () => ok());
    w.kill('SIGKILL');
  });
}

beforeAll(async () => {
  project = await makeProject();
});
afterAll(async () => {
  await Promise.all(workers.map(kill));
  await redis.stop();
});

async function send(message: string): Promise<string> {
  const r = await handleIngest(storeRequest(project.project.id, project.key.publicKey, { message }));
  expect(r.status).toBe(200);
  return (r.body as { id: string }).id;
}

async function sendUntilAccepted(message: string, ms = 10_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await send(message);
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const stored = (eventId: string) =>
  waitFor(
    () => db().event.findFirst({ where: { projectId: project.project.id, eventId } }),
    (e) => !!e,
    15_000,
  );

describe('Redis restarted empty', () => {
  it('a running worker recreates the consumer group and stores what arrives afterwards', async () => {
    const worker = startWorker();
    expect(await stored(await sendUntilAccepted('before the restart'))).toBeTruthy();
    expect(await checkHealth()).toEqual({ ok: true, failing: [] });

    await redis.restart(); // empty: stream and group are gone
    const after = await sendUntilAccepted('after the restart');
    expect(await stored(after)).toBeTruthy();
    expect(workerLog).toMatch(/consumer group was missing/);
    // Not a NOGROUP line per second per lane: the lanes recovered.
    expect(workerLog.match(/NOGROUP/g)?.length ?? 0).toBeLessThan(4);
    await kill(worker);
  });

  it('health reports events waiting without a consumer group until a worker recreates it', async () => {
    await redis.restart();
    const waiting = await sendUntilAccepted('no worker is running');
    const h = await checkHealth();
    expect(h.ok).toBe(false);
    expect(h.failing).toEqual([expect.stringMatching(/^event queue/)]);

    startWorker();
    expect(await stored(waiting)).toBeTruthy();
    expect(await checkHealth()).toEqual({ ok: true, failing: [] });
  });
});
