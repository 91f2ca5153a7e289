// Entry of the worker process (`faultline run worker`): the event worker (which hands what it stored to the
// alert rules) and the alert delivery loop.
import { runEventWorker } from './eventWorker.ts';
import { runAlertWorker } from './alertWorker.ts';
import { evaluateAlerts } from '../lib/alerts/evaluate.ts';
import { closeDb, db } from '../lib/db.ts';
import { metrics } from '../lib/metrics/metrics.ts';
import { startMetricsServer } from '../lib/metrics/serve.ts';

startMetricsServer();
const onStored = (stored: Parameters<typeof evaluateAlerts>[1]) => {
  metrics().stored.inc(stored.length);
  return evaluateAlerts(db(), stored);
};
await Promise.all([runEventWorker({ onStored }), runAlertWorker()]);
// On SIGTERM both loops return after committing their current batch; the database pool is all that keeps
// the process alive then, and a stop must not wait for the supervisor's kill.
await closeDb();
