// PostgreSQL down for 30 s while SDKs keep sending: the edge serves DSN keys it has seen from memory (stale-if-error),
// so every event is answered 200 and queued in Redis, and the worker stores all of them once PostgreSQL is back.
// A throwaway PostgreSQL cluster (initdb/pg_ctl), never the machine's server; the test stack's Redis, own prefix.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/cli/paths.ts';
import { upgrade } from '../../lib/cli/migrate.ts';
import { ThrowawayPostgres } from '../harness/throwaway.ts';
import { storeRequest } from './ingest-support.ts';

const DOWN_MS = 30_000;
const pg = await ThrowawayPostgres.create();
const databaseUrl = pg.url.replace(/\/postgres$/, '/faultline_pgdown');
await upgrade(databaseUrl, true);
// This file's own module graph: lib/ reads these when its config is first parsed.
process.env.DATABASE_URL = databaseUrl;
process.env.REDIS_PREFIX = `fltest:pgdown:${randomBytes(3).toString('hex')}:`;
process.env.FAULTLINE_KEY_CACHE_SECONDS = '1';
process.env.WORKER_CLAIM_IDLE_MS = '1000';
const { handleIngest } = await import('../../lib/ingest/ingest.ts');
const { db } = await import('../../lib/db.ts');
const { ensureProject } = await import('../../lib/projects/setup.ts');

let worker: ChildProcess | undefined;
afterAll(async () => {
  if (worker && worker.exitCode === null) {
    await new Promise<void>((ok) => {
      worker!.once('exit', () => ok());
      worker!.kill('SIGKILL');
    });
  }
  await db().$disconnect();
  await pg.destroy();
});

describe('ingest while PostgreSQL restarts', () => {
  it('answers 200 for 30 s of outage with keys seen before, 503 for keys never seen; all is stored after', async () => {
    const { project, key } = await ensureProject(db(), { org: 'pgdown', project: 'app' });
    const never = await ensureProject(db(), { org: 'pgdown', project: 'unseen' });
    worker = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'workers', 'main.ts')], {
      cwd: projectRoot,
      env: { ...process.env, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const send = async (publicKey: string) => {
      const projectId = publicKey === key.publicKey ? project.id : never.project.id;
      const r = await handleIngest(storeRequest(projectId, publicKey, { message: 'while the database restarts' }));
      return { status: r.status, id: (r.body as { id?: string }).id };
    };
    const results: { status: number; id?: string; at: number }[] = [];
    const sendFor = async (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        results.push({ ...(await send(key.publicKey)), at: Date.now() });
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    await sendFor(2000);
    await pg.stop();
    const down = Date.now();
    await sendFor(DOWN_MS / 2);
    // A key the edge never saw cannot be checked: 503, the SDK retries.
    expect((await send(never.key.publicKey)).status).toBe(503);
    await sendFor(DOWN_MS - (Date.now() - down));
    await pg.start();
    await sendFor(2000);

    const bad = results.filter((r) => r.status !== 200);
    expect(bad.length, `non-200 answers: ${JSON.stringify(bad.slice(0, 3))}`).toBe(0);
    expect(results.filter((r) => r.at > down && r.at < down + DOWN_MS).length).toBeGreaterThan(100);
    const ids = results.map((r) => r.id!);
    const end = Date.now() + 60_000;
    let n = 0;
    while (Date.now() < end) {
      n = await db()
        .event.count({ where: { projectId: project.id, eventId: { in: ids } } })
        .catch(() => 0);
      if (n === ids.length) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(n).toBe(ids.length);
  }, 150_000);
});
