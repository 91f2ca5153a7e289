// The worker's one scheduler: runs periodic tasks one at a time, each every `everyMs`, until SIGTERM, SIGINT or an
// abort; then it returns once the task in progress has finished, leaving no timer behind. (The cron's sleep used to
// be a 60 s timer that nothing cleared: it held the stopped worker for up to a minute, past the 30 s stop grace.)
import { log } from '../lib/log.ts';

export interface PeriodicTask {
  name: string;
  /** 0 or less: never (a job switched off by its setting). */
  everyMs: number;
  /** The first run this long after the start (default: at once). */
  firstAfterMs?: number;
  run(): Promise<void>;
}

export async function runPeriodic(tasks: PeriodicTask[], opts: { signal?: AbortSignal } = {}): Promise<void> {
  const start = Date.now();
  const due = new Map(tasks.filter((t) => t.everyMs > 0).map((t) => [t, start + (t.firstAfterMs ?? 0)]));
  let stopping = opts.signal?.aborted ?? false;
  let timer: NodeJS.Timeout | undefined;
  let wake: () => void = () => undefined;
  const stop = () => {
    stopping = true;
    clearTimeout(timer);
    wake();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  opts.signal?.addEventListener('abort', stop);
  try {
    while (!stopping && due.size > 0) {
      for (const [task, at] of due) {
        if (stopping || Date.now() < at) continue;
        // A fixed cadence from each start; a run longer than its period is followed by the next one at once.
        due.set(task, Date.now() + task.everyMs);
        try {
          await task.run();
        } catch (err) {
          log.error('periodic task failed', { err, task: task.name });
        }
      }
      if (stopping) break;
      const next = Math.min(...due.values());
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, Math.max(0, next - Date.now()));
      });
    }
  } finally {
    clearTimeout(timer);
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    opts.signal?.removeEventListener('abort', stop);
  }
}
