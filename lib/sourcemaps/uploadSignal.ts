// "New source-map files were stored": a PostgreSQL NOTIFY sent inside the storing transaction, so workers forget the
// lookups they remembered as misses (resolveBatch.ts) the moment an upload commits, and never before.
import pg from 'pg';
import { config } from '../config.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { log } from '../log.ts';

/** NOTIFY is per database, so test stacks on their own databases never hear each other. */
export const UPLOAD_CHANNEL = 'faultline_artifacts';

/**
 * Sent inside the storing transaction: PostgreSQL delivers it at commit, and not at all on rollback. The payload is
 * the organization's id (listeners may ignore it; tests tell their own uploads apart by it).
 */
export async function signalUpload(tx: Pick<Prisma.TransactionClient, '$executeRaw'>, orgId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${UPLOAD_CHANNEL}, ${String(orgId)})`;
}

const RETRY_MS = 2000;
/** Its `application_name`, so an operator sees what the long-lived idle connection is. */
export const LISTENER_NAME = 'faultline upload listener';

export interface UploadListener {
  close(): Promise<void>;
}

/**
 * Calls `onChange` with the organization's id for every upload that commits, and with null whenever the connection
 * starts listening or was lost (an upload may have committed unheard meanwhile; it then reconnects). One connection
 * per worker process.
 */
export function listenForUploads(onChange: (orgId: number | null) => void, url = config().databaseUrl): UploadListener {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString: url, application_name: LISTENER_NAME });
    client = c;
    c.on('notification', (n) => onChange(Number(n.payload) || null));
    c.on('error', (err) => {
      log.warn('source-map upload listener lost its connection; misses are forgotten', { error: err.message });
      lost(c);
    });
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${UPLOAD_CHANNEL}`);
      // Whatever was remembered before this connection listened may predate an upload.
      onChange(null);
    } catch (err) {
      log.warn('source-map upload listener could not connect', { error: (err as Error).message });
      lost(c);
    }
  };
  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    onChange(null);
    c.end().catch(() => undefined);
    if (!closed) retry = setTimeout(() => void connect(), RETRY_MS).unref();
  };
  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
