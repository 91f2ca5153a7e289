// The one Prisma client of the process.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { config } from './config.ts';

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { faultlineDb?: PrismaClient };

export function createDb(connectionString: string, max = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
}

/** The shared client; created on first use so importing this module needs no database. */
export function db(): PrismaClient {
  if (!globalForDb.faultlineDb) {
    const url = config().databaseUrl;
    if (!url) throw new Error('DATABASE_URL is not set');
    globalForDb.faultlineDb = createDb(url);
  }
  return globalForDb.faultlineDb;
}

export async function closeDb(): Promise<void> {
  await globalForDb.faultlineDb?.$disconnect();
  globalForDb.faultlineDb = undefined;
}
