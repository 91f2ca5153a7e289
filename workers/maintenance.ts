// Periodic housekeeping in the worker process: source-map upload leftovers and expired bundles (hourly).
import { log } from '../lib/log.ts';
import { cleanupSourceMaps } from '../lib/sourcemaps/cleanup.ts';

const EVERY_MS = 60 * 60 * 1000;

export async function runMaintenance(opts: { signal?: AbortSignal } = {}): Promise<void> {
  let stopping = false;
  let wake: () => void = () => undefined;
  const stop = () => {
    stopping = true;
    wake();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  opts.signal?.addEventListener('abort', stop);
  while (!stopping) {
    try {
      const removed = await cleanupSourceMaps();
      if (removed.chunks || removed.statuses || removed.bundles) log.info('source maps cleaned up', { ...removed });
    } catch (e) {
      log.error('source map cleanup failed', { err: e });
    }
    await new Promise<void>((r) => {
      wake = r;
      setTimeout(r, EVERY_MS).unref();
    });
  }
  process.off('SIGTERM', stop);
  process.off('SIGINT', stop);
}
