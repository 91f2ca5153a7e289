// The digest's source-map step: one resolver (and so one parsed-map cache) per worker process, over PostgreSQL, which
// forgets its remembered misses whenever an upload commits.
import { config } from '../config.ts';
import { log } from '../log.ts';
import { sqlPool } from '../sql.ts';
import { SourceMapResolver, type EventToResolve } from './resolveBatch.ts';
import { SqlArtifactStore } from './resolveStore.ts';
import { listenForUploads, type UploadListener } from './uploadSignal.ts';

let resolver: SourceMapResolver | undefined;
let listener: UploadListener | undefined;

export function workerResolver(): SourceMapResolver {
  if (!resolver) {
    const r = new SourceMapResolver(new SqlArtifactStore(sqlPool), config().WORKER_SOURCEMAP_CACHE_MB * 1024 * 1024);
    listener = listenForUploads(() => r.forgetMisses());
    resolver = r;
  }
  return resolver;
}

/** Ends the upload listener's connection (the worker's shutdown). */
export async function closeWorkerResolver(): Promise<void> {
  await listener?.close();
  listener = undefined;
  resolver = undefined;
}

/**
 * Rewrites the batch's JavaScript frames in place. A failure here (the database gone mid-batch) must not lose or
 * delay events: they are stored as sent, minified, and the failure is logged.
 */
export async function resolveSourceMaps(events: EventToResolve[]): Promise<void> {
  if (!events.length) return;
  try {
    await workerResolver().resolve(events);
  } catch (e) {
    log.error('source-map resolution failed; storing the batch unresolved', { err: e, events: events.length });
  }
}
