// Entry of the worker process (`faultline run worker`): the event worker (which hands what it stored to the
// issues' activity feed and the alert rules), the alert delivery loop and the scheduled jobs (usage counts,
// retention cleanup, source-map leftovers). On SIGTERM each returns after committing its current batch or job;
// with its connections closed the process then exits by itself.
import { runEventWorker } from './eventWorker.ts';
import { runAlertWorker } from './alertWorker.ts';
import { runScheduledJobs } from './scheduled.ts';
import { evaluateAlerts } from '../lib/alerts/evaluate.ts';
import { recordRegressions } from '../lib/issues/activity.ts';
import { closeDb, db } from '../lib/db.ts';
import { closeRedis } from '../lib/redis.ts';
import { closeSqlPool } from '../lib/sql.ts';
import { metrics } from '../lib/metrics/metrics.ts';
import { startMetricsServer } from '../lib/metrics/serve.ts';

const metricsServer = startMetricsServer();
const onStored = async (stored: Parameters<typeof evaluateAlerts>[1]) => {
  metrics().stored.inc(stored.length);
  await recordRegressions(db(), stored);
  await evaluateAlerts(db(), stored);
};
await Promise.all([runEventWorker({ onStored }), runAlertWorker(), runScheduledJobs()]);
// A scraper's kept-alive connection, and the shared Redis connection the metrics read the queue with, would
// otherwise hold the process open (the latter for good: tests/integration/metrics.test.ts left such workers behind).
metricsServer?.close();
metricsServer?.closeAllConnections();
await Promise.all([closeDb(), closeSqlPool(), closeRedis()]);
