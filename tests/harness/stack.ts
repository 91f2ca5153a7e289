// A whole Faultline (web + worker) for integration and browser tests, on its own database and Redis prefix.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { upgrade } from '../../lib/cli/migrate.ts';
import { nextBin, serverArgs, workerArgs } from '../../lib/cli/processes.ts';
import { projectRoot } from '../../lib/cli/paths.ts';

export interface Stack {
  /** `faultline run web`'s server: SDK ingest on the lean node:http path, everything else through Next.js. */
  baseUrl: string;
  /** A plain `next start` on the same database and Redis (with `nextToo`), so tests can cover both paths. */
  nextUrl?: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  env: NodeJS.ProcessEnv;
  /** Starts (another) worker process; tests use it to kill one mid-batch. */
  startWorker(extraEnv?: Record<string, string>): ChildProcess;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`web server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/_health/`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Faultline at ${url} did not become healthy in ${ms} ms`);
}

export async function startStack(
  opts: { name?: string; env?: Record<string, string | undefined>; workers?: number; nextToo?: boolean } = {},
): Promise<Stack> {
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `faultline_test_${opts.name ?? 'run'}_${Date.now()}_${process.pid}`;
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  const databaseUrl = u.toString();
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `fltest:${randomBytes(4).toString('hex')}:`;
  await upgrade(databaseUrl, true);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    FAULTLINE_URL: baseUrl,
    PORT: String(port),
    SECRET_KEY: 'test-secret-key-that-is-long-enough-for-faultline',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...opts.env,
  };
  const children: ChildProcess[] = [];
  const spawnWeb = (args: string[], port: number) => {
    const child = spawn(process.execPath, args, {
      cwd: projectRoot,
      env: { ...env, NODE_ENV: 'production', PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  };
  const web = spawnWeb(serverArgs('web', port, '127.0.0.1'), port);
  const nextPort = opts.nextToo ? await freePort() : undefined;
  const nextWeb = nextPort && spawnWeb([nextBin(), 'start', '-p', String(nextPort), '-H', '127.0.0.1'], nextPort);
  const nextUrl = nextPort && `http://127.0.0.1:${nextPort}`;
  const startWorker = (extraEnv: Record<string, string> = {}) => {
    const w = spawn(process.execPath, workerArgs(), {
      cwd: projectRoot,
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(w);
    return w;
  };
  for (let i = 0; i < (opts.workers ?? 1); i++) startWorker();
  if (nextWeb && nextUrl) await waitForHealth(nextUrl, nextWeb);
  await waitForHealth(baseUrl, web);

  return {
    baseUrl,
    nextUrl: nextUrl || undefined,
    databaseUrl,
    redisUrl,
    redisPrefix,
    env,
    startWorker,
    async stop() {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null || c.signalCode !== null) return resolve();
              c.once('exit', () => resolve());
              c.kill('SIGTERM');
              setTimeout(() => c.kill('SIGKILL'), 5000).unref();
            }),
        ),
      );
      const r = new Redis(redisUrl);
      let cursor = '0';
      do {
        const [next, keys] = await r.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
        if (keys.length) await r.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      r.disconnect();
      if (!process.env.KEEP_TEST_DB) {
        u.pathname = '/postgres';
        const c = new pg.Client({ connectionString: u.toString() });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
        await c.end();
      }
    },
  };
}
