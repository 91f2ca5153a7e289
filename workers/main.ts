// Entry of the worker process (`faultline run worker`): the event worker and the alert delivery loop.
import { runEventWorker } from './eventWorker.ts';
import { runAlertWorker } from './alertWorker.ts';

await Promise.all([runEventWorker(), runAlertWorker()]);
