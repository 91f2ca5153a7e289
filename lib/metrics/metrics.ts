// Prometheus metrics of a Faultline process (prom-client). One registry per process, kept on globalThis: in the
// web process Next.js bundles its own copy of lib/ beside the server's, and both must count into the same one.
import client from 'prom-client';
import { dbPoolUsage } from '../db.ts';
import { sqlPoolUsage } from '../sql.ts';
import { redis } from '../redis.ts';
import { queueStats, type QueueStats } from '../queue/queueStats.ts';

/** Why the ingest edge refused an SDK request, by its status. */
export type RefusalReason = 'auth' | 'size' | 'rate_limit' | 'bad_input' | 'unavailable';

// One scrape reads several queue gauges: they share one look at Redis.
let lastStats: { at: number; stats: Promise<QueueStats> } | undefined;
function sharedQueueStats(): Promise<QueueStats> {
  if (!lastStats || Date.now() - lastStats.at > 1000) lastStats = { at: Date.now(), stats: queueStats(redis()) };
  return lastStats.stats;
}

function create() {
  const registry = new client.Registry();
  // Process CPU, resident memory, heap, event-loop lag, open handles.
  client.collectDefaultMetrics({ register: registry, prefix: 'faultline_' });
  const registers = [registry];
  const queue = (name: string, help: string, pick: (s: QueueStats) => number) =>
    new client.Gauge({
      name,
      help,
      registers,
      async collect() {
        this.set(pick(await sharedQueueStats()));
      },
    });
  return {
    registry,
    accepted: new client.Counter({
      name: 'faultline_ingest_events_accepted_total',
      help: 'Events the ingest edge accepted onto the queue',
      registers,
    }),
    refused: new client.Counter({
      name: 'faultline_ingest_requests_refused_total',
      help: 'SDK requests the ingest edge refused, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    ingestSeconds: new client.Histogram({
      name: 'faultline_ingest_request_duration_seconds',
      help: 'Time from request to answer at the ingest edge',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    streamLength: queue('faultline_queue_stream_length', 'Entries on the event stream', (s) => s.length),
    pending: queue('faultline_queue_pending', 'Events read by a worker and not yet acknowledged', (s) => s.pending),
    lag: queue('faultline_queue_lag_seconds', 'Age of the oldest event not yet stored', (s) => s.lagSeconds),
    deadLetterLength: queue('faultline_queue_dead_letters', 'Entries on the dead-letter stream', (s) => s.deadLetters),
    batches: new client.Histogram({
      name: 'faultline_worker_batch_duration_seconds',
      help: 'Time a worker spends storing one batch read from the stream',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    stored: new client.Counter({ name: 'faultline_events_stored_total', help: 'Events stored', registers }),
    deadLettered: new client.Counter({
      name: 'faultline_events_dead_lettered_total',
      help: 'Events this process sent to the dead-letter stream',
      registers,
    }),
    alertDeliveries: new client.Counter({
      name: 'faultline_alert_deliveries_total',
      help: 'Alert delivery attempts, by result',
      labelNames: ['status'] as const,
      registers,
    }),
    dbPool: new client.Gauge({
      name: 'faultline_db_pool_connections',
      help: 'Database pool connections, by pool (prisma, batch) and state (in_use, open)',
      labelNames: ['pool', 'state'] as const,
      registers,
      collect() {
        this.reset();
        for (const [pool, usage] of [
          ['prisma', dbPoolUsage()],
          ['batch', sqlPoolUsage()],
        ] as const) {
          if (!usage) continue;
          this.set({ pool, state: 'in_use' }, usage.inUse);
          this.set({ pool, state: 'open' }, usage.total);
        }
      },
    }),
  };
}

const globalForMetrics = globalThis as unknown as { faultlineMetrics?: ReturnType<typeof create> };

export function metrics(): ReturnType<typeof create> {
  globalForMetrics.faultlineMetrics ??= create();
  return globalForMetrics.faultlineMetrics;
}

/** The exposition text and its content type, for a /metrics answer. */
export async function metricsExposition(): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}

const REFUSALS: Record<number, RefusalReason> = {
  400: 'bad_input',
  401: 'auth',
  403: 'auth',
  404: 'bad_input',
  405: 'bad_input',
  413: 'size',
  415: 'bad_input',
  429: 'rate_limit',
  503: 'unavailable',
};

/** Counts one answered SDK request; both ingest adapters (node:http and Next.js) call it. */
export function recordIngest(status: number, body: unknown, startedAt: number): void {
  const m = metrics();
  m.ingestSeconds.observe((performance.now() - startedAt) / 1000);
  if (status === 200) {
    // An answer with an id accepted an event; `{}` answers envelopes without one (sessions, client reports).
    if (body && typeof body === 'object' && 'id' in body) m.accepted.inc();
  } else if (status >= 400) {
    m.refused.inc({ reason: REFUSALS[status] ?? (status >= 500 ? 'unavailable' : 'bad_input') });
  }
}
