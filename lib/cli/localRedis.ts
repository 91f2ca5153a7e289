// Finding Redis for `npm start`: REDIS_URL if it answers, else a local redis-server with data under .data/.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { dataDir } from './paths.ts';

async function answers(url: string): Promise<boolean> {
  const r = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1500,
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

export async function ensureRedis(url: string, log: (m: string) => void): Promise<ChildProcess | null> {
  if (await answers(url)) return null;
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const bin = which.stdout.trim();
  if (!bin) {
    throw new Error(
      `Redis does not answer at ${url} and no redis-server is on PATH. Install it (Debian/Ubuntu: apt-get ` +
        `install redis-server; macOS: brew install redis) or set REDIS_URL.`,
    );
  }
  const u = new URL(url);
  const dir = path.join(dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  log(`starting ${bin} on port ${u.port || 6379} with data in ${dir}`);
  const child = spawn(
    bin,
    ['--port', u.port || '6379', '--bind', '127.0.0.1', '--dir', dir, '--save', '60', '1', '--appendonly', 'yes'],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 50; i++) {
    if (await answers(url)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`started redis-server but it does not answer at ${url}`);
}
