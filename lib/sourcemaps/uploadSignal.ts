// "New source-map files were stored": a PostgreSQL NOTIFY sent inside the storing transaction, so workers forget the
// lookups they remembered as misses (resolveBatch.ts) the moment an upload commits, and never before.
import pg from 'pg';
import { config } from '../config.ts';
import { log } from '../log.ts';

/** NOTIFY is per database, so test stacks on their own databases never hear each other. */
export const UPLOAD_CHANNEL = 'faultline_artifacts';

/** Anything that runs raw SQL: a Prisma transaction client, or the client itself. */
interface RawRunner {
  $executeRawUnsafe(query: string): Promise<number>;
}

/** Sent inside the storing transaction: PostgreSQL delivers it at commit, and not at all on rollback. */
export async function signalUpload(tx: RawRunner): Promise<void> {
  await tx.$executeRawUnsafe(`NOTIFY ${UPLOAD_CHANNEL}`);
}

const RETRY_MS = 2000;

export interface UploadListener {
  close(): Promise<void>;
}

/**
 * Calls `onChange` for every upload that commits, and also whenever the connection was lost (an upload may have
 * committed unheard meanwhile), then reconnects. One connection per worker process.
 */
export function listenForUploads(onChange: () => void, url = config().databaseUrl): UploadListener {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    client = c;
    c.on('notification', () => onChange());
    c.on('error', (err) => {
      log.warn('source-map upload listener lost its connection; misses are forgotten', { error: err.message });
      lost(c);
    });
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${UPLOAD_CHANNEL}`);
      // Whatever was remembered before this connection listened may predate an upload.
      onChange();
    } catch (err) {
      log.warn('source-map upload listener could not connect', { error: (err as Error).message });
      lost(c);
    }
  };
  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    onChange();
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
