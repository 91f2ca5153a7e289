// Entry of the worker process (`faultline run worker`): the event worker (which hands what it stored to the
// issues' activity feed and the alert rules) and the alert delivery loop.
import { runEventWorker } from './eventWorker.ts';
import { runAlertWorker } from './alertWorker.ts';
import { evaluateAlerts } from '../lib/alerts/evaluate.ts';
import { recordRegressions } from '../lib/issues/activity.ts';
import { closeDb, db } from '../lib/db.ts';

await Promise.all([
  runEventWorker({
    onStored: async (stored) => {
      await recordRegressions(db(), stored);
      await evaluateAlerts(db(), stored);
    },
  }),
  runAlertWorker(),
]);
// On SIGTERM both loops return after committing their current batch; the database pool is all that keeps
// the process alive then, and a stop must not wait for the supervisor's kill.
await closeDb();
