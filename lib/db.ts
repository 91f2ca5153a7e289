// The one Prisma client of the process.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { config } from './config.ts';

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { faultlineDb?: PrismaClient; faultlineDbPool?: pg.Pool };

/** A client on its own pool, which $disconnect() ends; `onPool` sees the pool (the metrics count its connections). */
export function createDb(connectionString: string, max = 10, onPool?: (pool: pg.Pool) => void): PrismaClient {
  const pool = new pg.Pool({ connectionString, max });
  onPool?.(pool);
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

/** Connections of the shared client's pool: checked out by a query, and open in all. */
export function dbPoolUsage(): { inUse: number; total: number } | null {
  const pool = globalForDb.faultlineDbPool;
  return pool ? { inUse: pool.totalCount - pool.idleCount, total: pool.totalCount } : null;
}

/** The shared client; created on first use so importing this module needs no database. */
export function db(): PrismaClient {
  if (!globalForDb.faultlineDb) {
    const url = config().databaseUrl;
    if (!url) throw new Error('DATABASE_URL is not set');
    globalForDb.faultlineDb = createDb(url, 10, (pool) => (globalForDb.faultlineDbPool = pool));
  }
  return globalForDb.faultlineDb;
}

export async function closeDb(): Promise<void> {
  await globalForDb.faultlineDb?.$disconnect();
  globalForDb.faultlineDb = undefined;
  globalForDb.faultlineDbPool = undefined;
}
