// Entry of the event worker process (`faultline run worker`).
import { runEventWorker } from './eventWorker.ts';

await runEventWorker();
