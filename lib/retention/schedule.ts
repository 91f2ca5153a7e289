// The cron (Sentry's third process): moves usage counts to PostgreSQL every minute and runs the retention
// cleanup every CLEANUP_INTERVAL_MINUTES. Every worker runs it; a PostgreSQL advisory lock lets one clean at a time.
import type { Redis } from 'ioredis';
import { config } from '../config.ts';
import { log } from '../log.ts';
import { sql, sqlPool } from '../sql.ts';
import { flushUsage } from '../quotas/usage.ts';
import { cleanup, formatSummary, type CleanupOptions, type CleanupSummary } from './cleanup.ts';

// Any fixed number; the same in every process of an install (the database is the install's).
const CLEANUP_LOCK = 15_001;

/** Runs a cleanup if no other process is running one; null when the lock is taken. */
export async function cleanupExclusively(opts: CleanupOptions = {}): Promise<CleanupSummary | null> {
  // A session lock lives on one connection: take it, clean and unlock on that same connection.
  const client = await sqlPool().connect();
  let broken: Error | undefined;
  try {
    const [lock] = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [CLEANUP_LOCK])).rows;
    if (!lock.ok) return null;
    try {
      return await cleanup(sql(client), opts);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [CLEANUP_LOCK]).catch((e: Error) => (broken = e));
    }
  } catch (e) {
    broken = e as Error;
    throw e;
  } finally {
    // A connection that failed mid-way may still hold the lock: dropping it releases the lock.
    client.release(broken);
  }
}

const MINUTE = 60_000;

export async function runCron(redis: Redis, opts: { signal?: AbortSignal } = {}): Promise<void> {
  let stopping = false;
  let wake: () => void = () => undefined;
  const stop = () => {
    stopping = true;
    wake();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  opts.signal?.addEventListener('abort', stop);
  const interval = config().CLEANUP_INTERVAL_MINUTES * MINUTE;
  // The first cleanup a little after start, so a fleet of workers restarted together does not line up on the lock.
  let nextCleanup = Date.now() + MINUTE;
  while (!stopping) {
    try {
      await flushUsage(redis, sql(sqlPool()));
      if (interval > 0 && Date.now() >= nextCleanup) {
        nextCleanup = Date.now() + interval;
        const s = await cleanupExclusively();
        if (s && (s.events || s.issues)) log.info(formatSummary(s));
      }
    } catch (err) {
      log.error('cron run failed', { err });
    }
    await new Promise<void>((r) => {
      wake = r;
      setTimeout(r, MINUTE);
    });
  }
  process.off('SIGTERM', stop);
  process.off('SIGINT', stop);
}
