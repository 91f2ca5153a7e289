// Plain SQL transactions on a pg pool, for the worker's batch writes only: their parameters are large JSON
// documents, and Prisma's raw-query path spends more CPU per event passing them than PostgreSQL spends storing them.
// Everything else goes through Prisma (lib/db.ts).
import pg from 'pg';
import { config } from './config.ts';
import { log } from './log.ts';

export interface Sql {
  rows<T>(text: string, ...params: unknown[]): Promise<T[]>;
  run(text: string, ...params: unknown[]): Promise<number>;
}

// Prisma stores UTC in `timestamp without time zone`; pg would read those as local time.
const TIMESTAMP_OID = 1114;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID
      ? (v: string) => new Date(`${v.replace(' ', 'T')}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const globalForSql = globalThis as unknown as { faultlineSqlPool?: pg.Pool };

export function sqlPool(): pg.Pool {
  if (!globalForSql.faultlineSqlPool) {
    const url = config().databaseUrl;
    if (!url) throw new Error('DATABASE_URL is not set');
    const pool = new pg.Pool({ connectionString: url, max: config().WORKER_CONCURRENCY + 2, types });
    // An idle connection that PostgreSQL closes (restart, failover, shutdown) emits 'error' on the pool; unhandled,
    // that would kill the worker. The pool drops the connection and opens a new one on the next query.
    pool.on('error', (err) => log.warn('idle database connection lost', { error: err.message }));
    globalForSql.faultlineSqlPool = pool;
  }
  return globalForSql.faultlineSqlPool;
}

/** Connections of the worker's batch-write pool: checked out by a transaction, and open in all. */
export function sqlPoolUsage(): { inUse: number; total: number } | null {
  const pool = globalForSql.faultlineSqlPool;
  return pool ? { inUse: pool.totalCount - pool.idleCount, total: pool.totalCount } : null;
}

export async function closeSqlPool(): Promise<void> {
  await globalForSql.faultlineSqlPool?.end();
  globalForSql.faultlineSqlPool = undefined;
}

function wrap(client: pg.PoolClient | pg.Pool): Sql {
  return {
    rows: async <T>(text: string, ...params: unknown[]) => (await client.query(text, params)).rows as T[],
    run: async (text: string, ...params: unknown[]) => (await client.query(text, params)).rowCount ?? 0,
  };
}

/** Runs `fn` in one transaction: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(wrap(client));
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch((err: Error) => (broken = err));
    throw e;
  } finally {
    // A connection that could not even roll back is dropped, not reused.
    client.release(broken);
  }
}

/** Outside a transaction (on the pool, or on one connection the caller holds, e.g. for a session advisory lock). */
export function sql(pool: pg.Pool | pg.PoolClient): Sql {
  return wrap(pool);
}

/** Throws unless the database answers: tells "the database is down" apart from "this batch is bad". */
export async function ping(pool: pg.Pool): Promise<void> {
  await pool.query('SELECT 1');
}
