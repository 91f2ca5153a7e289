// Prometheus metrics of the web process (/metrics behind METRICS_TOKEN) and of a worker (METRICS_PORT), and
// /_health/ turning "degraded" when events wait on the queue longer than HEALTH_MAX_QUEUE_LAG_SECONDS.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { baseUrl, makeProject } from '../harness/fixtures.ts';
import { freePort } from '../harness/stack.ts';
import { projectRoot } from '../../lib/cli/paths.ts';
import { workerArgs } from '../../lib/cli/processes.ts';
import { envelope, testRedis } from './ingest-support.ts';

afterAll(() => testRedis().disconnect());

const auth = { authorization: `Bearer ${process.env.METRICS_TOKEN}` };
const scrape = async (url = `${baseUrl()}/metrics`, headers: Record<string, string> = auth) => {
  const r = await fetch(url, { headers });
  return { status: r.status, text: await r.text() };
};
/** The value of one sample line, e.g. `faultline_ingest_requests_refused_total{reason="auth"}`; 0 if absent. */
const sample = (text: string, name: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
};
async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('/metrics on the web process', () => {
  it('refuses a missing or wrong Bearer token with 401', async () => {
    expect((await scrape(undefined, {})).status).toBe(401);
    expect((await scrape(undefined, { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('counts accepted events and refusals by reason, and shows the queue and the process', async () => {
    const p = await makeProject();
    const before = (await scrape()).text;
    const post = (key?: string) =>
      fetch(`${baseUrl()}/api/${p.project.id}/envelope/${key ? `?sentry_key=${key}` : ''}`, {
        method: 'POST',
        body: new Uint8Array(envelope({}, [{ type: 'event' }, '{"message":"metrics"}'])),
      });
    expect((await post(p.key.publicKey)).status).toBe(200);
    expect((await post()).status).toBe(401);
    const after = await scrape();
    expect(after.status).toBe(200);
    const accepted = 'faultline_ingest_events_accepted_total';
    const refusedAuth = 'faultline_ingest_requests_refused_total{reason="auth"}';
    expect(sample(after.text, accepted) - sample(before, accepted)).toBeGreaterThanOrEqual(1);
    expect(sample(after.text, refusedAuth) - sample(before, refusedAuth)).toBeGreaterThanOrEqual(1);
    for (const name of [
      'faultline_ingest_request_duration_seconds_bucket',
      'faultline_queue_stream_length',
      'faultline_queue_pending',
      'faultline_queue_lag_seconds',
      'faultline_queue_dead_letters',
      'faultline_db_pool_connections',
      'faultline_process_resident_memory_bytes',
    ])
      expect(after.text, name).toContain(name);
  });
});

describe('a worker with METRICS_PORT', () => {
  it('serves its batches, stored events and database pool', async () => {
    const port = await freePort();
    const worker = spawn(process.execPath, workerArgs(), {
      cwd: projectRoot,
      env: { ...process.env, METRICS_PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      const p = await makeProject();
      const url = `http://127.0.0.1:${port}/metrics`;
      // Enough events that this worker (one of several in the group) stores some of them.
      const text = await until(
        async () => {
          await fetch(`${baseUrl()}/api/${p.project.id}/envelope/?sentry_key=${p.key.publicKey}`, {
            method: 'POST',
            body: new Uint8Array(envelope({}, [{ type: 'event' }, '{"message":"for the worker"}'])),
          });
          return (await scrape(url, {}).catch(() => ({ text: '' }))).text;
        },
        (t) => sample(t, 'faultline_events_stored_total') > 0,
      );
      expect(sample(text, 'faultline_events_stored_total')).toBeGreaterThan(0);
      expect(sample(text, 'faultline_worker_batch_duration_seconds_count')).toBeGreaterThan(0);
      expect(text).toContain('faultline_db_pool_connections{pool="batch",state="open"}');
    } finally {
      worker.kill('SIGTERM');
    }
  });
});

describe('/_health/ and queue lag', () => {
  it('is 200 "degraded" with the reason when the oldest unstored event is older than the limit', async () => {
    // An ingest process on its own Redis prefix, whose queue holds one event from a minute ago and no worker.
    const prefix = `fltest:lag:${randomBytes(4).toString('hex')}:`;
    const redis = testRedis();
    await redis.xgroup('CREATE', `${prefix}events`, 'workers', '0', 'MKSTREAM');
    await redis.xadd(`${prefix}events`, `${Date.now() - 60_000}-0`, 'e', '{}');
    const port = await freePort();
    const env = { ...process.env, REDIS_PREFIX: prefix, HEALTH_MAX_QUEUE_LAG_SECONDS: '30' };
    const bin = path.join(projectRoot, 'lib', 'cli', 'faultline.mjs');
    const ingest = spawn(process.execPath, [bin, 'run', 'ingest', '--port', String(port), '--host', '127.0.0.1'], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      const health = () =>
        fetch(`http://127.0.0.1:${port}/_health/`).then(
          async (r) => ({ status: r.status, body: await r.text() }),
          () => ({ status: 0, body: '' }),
        );
      const r = await until(health, (h) => h.status !== 0, 60_000);
      expect(r.status).toBe(200);
      const body = JSON.parse(r.body);
      expect(body.status).toBe('degraded');
      expect(body.reason).toMatch(/^queue lag (59|6\d) s is over HEALTH_MAX_QUEUE_LAG_SECONDS \(30 s\)$/);
      // Stored (acknowledged) and trimmed, the lag is gone.
      await redis.del(`${prefix}events`);
      expect(await health()).toEqual({ status: 200, body: 'ok' });
    } finally {
      ingest.kill('SIGTERM');
      await redis.del(`${prefix}events`);
    }
  });
});
