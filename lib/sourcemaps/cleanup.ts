// Deletes what source-map uploads leave behind: chunks never assembled, old assemble answers, bundles nobody uses.
import { config } from '../config.ts';
import { db } from '../db.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CleanupCounts {
  chunks: number;
  statuses: number;
  bundles: number;
}

/**
 * Idempotent: several worker processes may run it at once. `retentionDays` 0 keeps bundles forever; otherwise a bundle
 * goes once it is older than that and no event has been resolved with it for as long (Sentry renews bundles on use).
 */
export async function cleanupSourceMaps(
  now = new Date(),
  retentionDays = config().SOURCEMAPS_RETENTION_DAYS,
): Promise<CleanupCounts> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  // Chunks an assembly still waits for stay, however old (a worker that was down for days finds them intact).
  const jobs = await db().assembleStatus.findMany({
    where: { state: { in: ['created', 'assembling'] } },
    select: { chunks: true },
  });
  const needed = [...new Set(jobs.flatMap((j) => j.chunks))];
  const chunks = await db().uploadChunk.deleteMany({
    where: { createdAt: { lt: dayAgo }, ...(needed.length ? { sha1: { notIn: needed } } : {}) },
  });
  // sentry-cli polls an assemble answer for at most a few minutes; a day is plenty. Jobs in flight always end in
  // `ok` or `error` (assembly.ts gives up after a few attempts), so only finished answers are removed.
  const statuses = await db().assembleStatus.deleteMany({
    where: { updatedAt: { lt: dayAgo }, state: { in: ['ok', 'error'] } },
  });
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const bundles = retentionDays
    ? await db().artifactBundle.deleteMany({
        where: { createdAt: { lt: cutoff }, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: cutoff } }] },
      })
    : { count: 0 };
  return { chunks: chunks.count, statuses: statuses.count, bundles: bundles.count };
}
