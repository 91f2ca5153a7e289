// Entry of the worker process (`faultline run worker`): the event worker (which hands what it stored to the
// issues' activity feed and the alert rules), the alert delivery loop, the cron (usage counts, retention cleanup)
// and hourly maintenance (source-map chunks and bundles).
import { runEventWorker } from './eventWorker.ts';
import { runAlertWorker } from './alertWorker.ts';
import { runMaintenance } from './maintenance.ts';
import { evaluateAlerts } from '../lib/alerts/evaluate.ts';
import { recordRegressions } from '../lib/issues/activity.ts';
import { closeDb, db } from '../lib/db.ts';
import { createRedis } from '../lib/redis.ts';
import { runCron } from '../lib/retention/schedule.ts';
import { closeSqlPool } from '../lib/sql.ts';
import { metrics } from '../lib/metrics/metrics.ts';
import { startMetricsServer } from '../lib/metrics/serve.ts';

startMetricsServer();
const onStored = async (stored: Parameters<typeof evaluateAlerts>[1]) => {
  metrics().stored.inc(stored.length);
  await recordRegressions(db(), stored);
  await evaluateAlerts(db(), stored);
};
const cronRedis = createRedis();
await Promise.all([runEventWorker({ onStored }), runAlertWorker(), runCron(cronRedis), runMaintenance()]);
// On SIGTERM the loops return after committing their current batch (the cron after its current step); the
// connections are all that keeps the process alive then, and a stop must not wait for the supervisor's kill.
cronRedis.disconnect();
await Promise.all([closeDb(), closeSqlPool()]);
// Every loop has returned and committed its work, yet a handle opened by the cron or the maintenance loop kept the
// process alive past the 30 s stop grace (found by tests/deploy/start-as-root.sh after the merges): exit explicitly.
process.exit(0);
