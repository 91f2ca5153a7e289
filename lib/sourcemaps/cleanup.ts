// Deletes what source-map uploads leave behind: chunks never assembled, old assemble answers, expired bundles.
import { config } from '../config.ts';
import { db } from '../db.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CleanupCounts {
  chunks: number;
  statuses: number;
  bundles: number;
}

/** Idempotent: several worker processes may run it at once. `retentionDays` 0 keeps bundles forever. */
export async function cleanupSourceMaps(
  now = new Date(),
  retentionDays = config().SOURCEMAPS_RETENTION_DAYS,
): Promise<CleanupCounts> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const chunks = await db().uploadChunk.deleteMany({ where: { createdAt: { lt: dayAgo } } });
  // sentry-cli polls an assemble answer for at most a few minutes; a day is plenty.
  const statuses = await db().assembleStatus.deleteMany({ where: { updatedAt: { lt: dayAgo } } });
  const bundles = retentionDays
    ? await db().artifactBundle.deleteMany({
        where: { createdAt: { lt: new Date(now.getTime() - retentionDays * DAY_MS) } },
      })
    : { count: 0 };
  return { chunks: chunks.count, statuses: statuses.count, bundles: bundles.count };
}
