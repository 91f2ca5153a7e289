import { describe, expect, it } from 'vitest';
import { runPeriodic, type PeriodicTask } from './periodic.ts';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

function task(name: string, everyMs: number, run: () => Promise<void> | void, firstAfterMs?: number): PeriodicTask {
  return { name, everyMs, firstAfterMs, run: async () => run() };
}

describe('runPeriodic', () => {
  it('runs due tasks in order, skips switched-off ones, and keeps going after a failure', async () => {
    const ran: string[] = [];
    const stop = new AbortController();
    await runPeriodic(
      [
        task('fails', 1, () => {
          ran.push('fails');
          throw new Error('boom');
        }),
        task('off', 0, () => void ran.push('off')),
        task('counts', 1, () => {
          ran.push('counts');
          if (ran.filter((r) => r === 'counts').length === 3) stop.abort();
        }),
      ],
      { signal: stop.signal },
    );
    expect(ran).toEqual(['fails', 'counts', 'fails', 'counts', 'fails', 'counts']);
  });

  it('on abort during a task, lets it finish, starts no other, and returns', async () => {
    const ran: string[] = [];
    const stop = new AbortController();
    let release!: () => void;
    const started = new Promise<void>((resolveStarted) => {
      void runPeriodic(
        [
          task('slow', 1, () => {
            ran.push('slow');
            resolveStarted();
            return new Promise<void>((r) => (release = r));
          }),
          task('next', 1, () => void ran.push('next')),
        ],
        { signal: stop.signal },
      ).then(() => ran.push('returned'));
    });
    await started;
    stop.abort();
    await new Promise((r) => setImmediate(r));
    expect(ran).toEqual(['slow']);
    release();
    for (let i = 0; i < 5 && ran.length < 2; i++) await new Promise((r) => setImmediate(r));
    expect(ran).toEqual(['slow', 'returned']);
  });

  it('leaves no timer behind when stopped while it sleeps', async () => {
    const before = timers();
    const stop = new AbortController();
    let runs = 0;
    const done = runPeriodic([task('hourly', 3_600_000, () => void runs++)], { signal: stop.signal });
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(1);
    expect(timers()).toBe(before + 1); // the hour's sleep
    stop.abort();
    await done;
    expect(timers()).toBe(before);
  });

  it('returns on SIGTERM like the rest of the worker', async () => {
    let runs = 0;
    // Another listener, so that this test's SIGTERM does not end the test process.
    const keep = () => undefined;
    process.on('SIGTERM', keep);
    try {
      const done = runPeriodic([task('hourly', 3_600_000, () => void runs++)]);
      await new Promise((r) => setImmediate(r));
      process.emit('SIGTERM');
      await done;
      expect(runs).toBe(1);
    } finally {
      process.off('SIGTERM', keep);
    }
  });
});
