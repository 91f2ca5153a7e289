// Entry of `faultline run cron`: only the scheduled jobs (workers/scheduled.ts), for installs that run them as a
// third process like Sentry's cron. The worker runs the same jobs; the cleanup lock keeps one cleanup at a time.
import { closeDb } from '../lib/db.ts';
import { closeSqlPool } from '../lib/sql.ts';
import { runScheduledJobs } from './scheduled.ts';

await runScheduledJobs();
await Promise.all([closeDb(), closeSqlPool()]);
