// One retention cleanup at a time across the install's processes (every worker schedules one, workers/scheduled.ts,
// and `faultline cleanup` runs one): a PostgreSQL advisory lock around lib/retention/cleanup.ts.
import { sql, sqlPool } from '../sql.ts';
import { cleanup, type CleanupOptions, type CleanupSummary } from './cleanup.ts';

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
