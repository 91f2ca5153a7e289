// The scheduled jobs (Sentry's cron), on the one scheduler of workers/periodic.ts: usage counts to PostgreSQL every
// minute, the retention cleanup every CLEANUP_INTERVAL_MINUTES (a PostgreSQL advisory lock lets one process clean
// at a time), source-map assemblies nobody advances every 10 s, upload leftovers and expired bundles hourly. Every
// worker runs them, and so does `faultline run cron` for installs that want Sentry's third process.
import { config } from '../lib/config.ts';
import { log } from '../lib/log.ts';
import { createRedis } from '../lib/redis.ts';
import { sql, sqlPool } from '../lib/sql.ts';
import { flushUsage } from '../lib/quotas/usage.ts';
import { formatSummary } from '../lib/retention/cleanup.ts';
import { cleanupExclusively } from '../lib/retention/schedule.ts';
import { sweepAssemblies } from '../lib/sourcemaps/assembly.ts';
import { cleanupSourceMaps } from '../lib/sourcemaps/cleanup.ts';
import { runPeriodic, type PeriodicTask } from './periodic.ts';

const MINUTE = 60_000;

/** Runs the scheduled jobs until SIGTERM/SIGINT (or `signal`), then closes its Redis connection. */
export async function runScheduledJobs(opts: { signal?: AbortSignal } = {}): Promise<void> {
  const redis = createRedis();
  const tasks: PeriodicTask[] = [
    {
      name: 'usage flush',
      everyMs: MINUTE,
      run: async () => void (await flushUsage(redis, sql(sqlPool()))),
    },
    {
      name: 'retention cleanup',
      everyMs: config().CLEANUP_INTERVAL_MINUTES * MINUTE,
      // A little after start, so a fleet of workers restarted together does not line up on the lock.
      firstAfterMs: MINUTE,
      run: async () => {
        const s = await cleanupExclusively();
        if (s && (s.events || s.issues)) log.info(formatSummary(s));
      },
    },
    {
      // Uploads whose web replica died mid-assembly, or whose assembly failed for a passing reason (assembly.ts).
      name: 'source-map assembly sweep',
      everyMs: 10_000,
      run: async () => {
        const swept = await sweepAssemblies();
        if (swept) log.info('source map assemblies advanced', { jobs: swept });
      },
    },
    {
      name: 'source-map cleanup',
      everyMs: 60 * MINUTE,
      run: async () => {
        const removed = await cleanupSourceMaps();
        if (removed.chunks || removed.statuses || removed.bundles) log.info('source maps cleaned up', { ...removed });
      },
    },
  ];
  try {
    await runPeriodic(tasks, opts);
  } finally {
    redis.disconnect();
  }
}
