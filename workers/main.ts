// Entry of the worker process (`faultline run worker`): the event worker (which hands what it stored to the
// alert rules), the alert delivery loop, and hourly maintenance.
import { runEventWorker } from './eventWorker.ts';
import { runAlertWorker } from './alertWorker.ts';
import { runMaintenance } from './maintenance.ts';
import { evaluateAlerts } from '../lib/alerts/evaluate.ts';
import { closeDb, db } from '../lib/db.ts';

await Promise.all([
  runEventWorker({ onStored: (stored) => evaluateAlerts(db(), stored) }),
  runAlertWorker(),
  runMaintenance(),
]);
// On SIGTERM the loops return after committing their current batch; the database pool is all that keeps
// the process alive then, and a stop must not wait for the supervisor's kill.
await closeDb();
