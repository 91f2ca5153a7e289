// Queued messages → stored rows: prepares a batch read from the stream, stores it in one transaction, acknowledges
// after commit, and finds and parks (dead-letters) what can never be stored. The worker loop only feeds it.
import type { Redis } from 'ioredis';
import { acknowledge, deadLetter, deliveryCount, type StreamMessage } from '../queue/eventStream.ts';
import { ping, sqlPool } from '../sql.ts';
import { config } from '../config.ts';
import { log } from '../log.ts';
import { resolveSourceMaps } from '../sourcemaps/resolveWorker.ts';
import { finishPrepare, normalizeQueued, type NormalizedQueued, type PreparedEvent } from './prepareEvent.ts';
import { storeEvents } from './storeEvents.ts';
import type { StoredEvent } from './types.ts';

/** Called with what each committed batch stored (alert rules); its failures are logged, never retried by the worker. */
export type OnStored = (stored: StoredEvent[]) => Promise<void>;

/** Permanent failures: input that will never store, however often it is retried. */
function isPermanent(e: unknown): boolean {
  return e instanceof SyntaxError || (e as Error)?.name === 'EventError';
}

export async function digestMessages(redis: Redis, messages: StreamMessage[], onStored?: OnStored): Promise<void> {
  const normalized: { msg: StreamMessage; event: NormalizedQueued }[] = [];
  for (const msg of messages) {
    try {
      if (!msg.event) throw new SyntaxError('message is not valid JSON');
      normalized.push({ msg, event: normalizeQueued(msg.event) });
    } catch (e) {
      await fail(redis, msg, e);
    }
  }
  // Before grouping, so one bug in two builds (two minified names for one function) is one issue.
  await resolveSourceMaps(normalized.map((n) => n.event));
  const prepared: { msg: StreamMessage; event: PreparedEvent }[] = [];
  for (const n of normalized) {
    try {
      prepared.push({ msg: n.msg, event: finishPrepare(n.event) });
    } catch (e) {
      await fail(redis, n.msg, e);
    }
  }
  if (!prepared.length) return;
  try {
    const r = await storeEvents(
      sqlPool(),
      prepared.map((p) => p.event),
    );
    await acknowledge(
      redis,
      prepared.map((p) => p.msg.id),
      r.stored.length,
    );
    await report(r.stored, onStored);
  } catch (e) {
    // A database that is down is nobody's fault: leave the whole batch pending (reclaimed later), dead-letter nothing.
    await ping(sqlPool());
    // One bad event must not hold back the rest: store the batch one event at a time to find it.
    log.warn('batch failed; storing its events one by one', {
      size: prepared.length,
      error: String((e as Error).message),
    });
    for (const p of prepared) {
      try {
        const r = await storeEvents(sqlPool(), [p.event]);
        await acknowledge(redis, [p.msg.id], r.stored.length);
        await report(r.stored, onStored);
      } catch (err) {
        await fail(redis, p.msg, err);
      }
    }
  }
}

async function report(stored: StoredEvent[], onStored?: OnStored) {
  if (!onStored || !stored.length) return;
  try {
    await onStored(stored);
  } catch (e) {
    log.error('after-store hook failed', { err: e });
  }
}

/**
 * A message that cannot be stored goes to the dead-letter stream once it is hopeless; otherwise it stays pending for a
 * retry.
 */
async function fail(redis: Redis, msg: StreamMessage, e: unknown) {
  const deliveries = await deliveryCount(redis, msg.id);
  if (isPermanent(e) || deliveries >= config().WORKER_MAX_DELIVERIES) {
    await deadLetter(redis, msg, String((e as Error)?.message ?? e), deliveries);
    log.warn('event sent to dead-letter stream', { id: msg.id, error: (e as Error)?.message });
  } else {
    log.error('storing event failed; will retry', { id: msg.id, deliveries, err: e });
  }
}
