// The ingest edge while its Redis is stopped or frozen (SIGSTOP): a 503 must mean "not queued". Every event answered
// 503 stays out of the stream for good, also once Redis is back; every 200 is on it. A throwaway redis-server.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject } from '../harness/fixtures.ts';
import { ThrowawayRedis } from '../harness/throwaway.ts';
import { storeRequest } from './ingest-support.ts';

const redis = await ThrowawayRedis.start();
// This file's own module graph: the edge below reads these when its config is first parsed.
process.env.REDIS_URL = redis.url;
process.env.REDIS_PREFIX = `fltest:faults:${randomBytes(3).toString('hex')}:`;
process.env.FAULTLINE_INGEST_REDIS_TIMEOUT_MS = '600';
const { handleIngest } = await import('../../lib/ingest/ingest.ts');
const { streamKey } = await import('../../lib/queue/eventStream.ts');

let project: Awaited<ReturnType<typeof makeProject>>;
beforeAll(async () => {
  project = await makeProject();
});
afterAll(async () => {
  await redis.stop();
});

async function send(): Promise<{ id: string; status: number }> {
  const id = randomBytes(16).toString('hex');
  const r = await handleIngest(
    storeRequest(project.project.id, project.key.publicKey, { event_id: id, message: 'during a Redis fault' }),
  );
  return { id, status: r.status };
}

/** Sends one request every `every` ms for `ms`, all concurrently in flight as they would be from many SDKs. */
async function sendFor(ms: number, every = 50) {
  const sent: Promise<{ id: string; status: number }>[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    sent.push(send());
    await new Promise((r) => setTimeout(r, every));
  }
  return Promise.all(sent);
}

async function queuedIds(): Promise<Set<string>> {
  const c = redis.client();
  try {
    const entries = await c.xrange(streamKey(), '-', '+');
    return new Set(entries.map(([, f]) => (JSON.parse(f[1]) as { eventId: string }).eventId));
  } finally {
    c.disconnect();
  }
}

function expectOnlyAcceptedQueued(results: { id: string; status: number }[], queued: Set<string>) {
  const accepted = results.filter((r) => r.status === 200).map((r) => r.id);
  const refused = results.filter((r) => r.status === 503).map((r) => r.id);
  expect(results.every((r) => r.status === 200 || r.status === 503)).toBe(true);
  expect(refused.filter((id) => queued.has(id))).toEqual([]);
  expect(accepted.filter((id) => !queued.has(id))).toEqual([]);
  return { accepted: accepted.length, refused: refused.length };
}

describe('ingest while Redis is stopped or frozen', () => {
  it('accepts while Redis is up', async () => {
    expect((await send()).status).toBe(200);
  });

  it('a stopped Redis: 503, and nothing refused is queued once Redis is back', async () => {
    await redis.stop();
    // Redis comes back (empty) while requests keep arriving.
    const during = sendFor(2500);
    await new Promise((r) => setTimeout(r, 1200));
    await redis.restart();
    const results = await during;
    await new Promise((r) => setTimeout(r, 1500)); // anything still buffered would have been sent by now
    const n = expectOnlyAcceptedQueued(results, await queuedIds());
    expect(n.refused).toBeGreaterThan(0);
    expect(n.accepted).toBeGreaterThan(0);
  });

  it('a stopped Redis: the 503 comes at once, not after the timeout', async () => {
    await redis.stop();
    await new Promise((r) => setTimeout(r, 300)); // the edge has noticed the connection is gone
    const started = Date.now();
    expect((await send()).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(300);
    await redis.restart();
  });

  it('a frozen Redis (SIGSTOP): 503 after the timeout, and nothing refused is queued once it thaws', async () => {
    const up = Date.now() + 5000;
    while ((await send()).status !== 200 && Date.now() < up) await new Promise((r) => setTimeout(r, 100));
    redis.freeze();
    const results = await sendFor(1500, 100);
    redis.thaw();
    await new Promise((r) => setTimeout(r, 1500));
    const after = await sendFor(300, 100);
    const n = expectOnlyAcceptedQueued([...results, ...after], await queuedIds());
    expect(results.every((r) => r.status === 503)).toBe(true);
    expect(n.refused).toBe(results.length);
    expect(after.every((r) => r.status === 200)).toBe(true);
  });
});
