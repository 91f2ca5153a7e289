// Health of the parts Faultline needs: the database and Redis.
import { db } from './db.ts';
import { redis } from './redis.ts';

async function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (t = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)),
  );
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(t);
  }
}

export async function checkHealth(): Promise<{ ok: boolean; failing: string[] }> {
  const failing: string[] = [];
  await Promise.all([
    within(db().$queryRaw`SELECT 1`, 2000).catch(() => failing.push('database')),
    within(redis().ping(), 2000).catch(() => failing.push('redis')),
  ]);
  return { ok: failing.length === 0, failing: failing.sort() };
}
