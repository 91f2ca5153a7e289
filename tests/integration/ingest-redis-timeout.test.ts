// The ingest edge against a Redis that accepts connections and never answers (a hung server, a network black hole):
// the SDK must get a 503 within FAULTLINE_INGEST_REDIS_TIMEOUT_MS, not a request that hangs.
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProject } from '../harness/fixtures.ts';

const silent = net.createServer((socket) => socket.on('error', () => undefined));
await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
const port = (silent.address() as net.AddressInfo).port;
// This file's own module graph: the edge below reads these when its config is first parsed.
process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
process.env.FAULTLINE_INGEST_REDIS_TIMEOUT_MS = '400';
const { handleIngest } = await import('../../lib/ingest/ingest.ts');

afterAll(async () => {
  silent.close();
});

describe('ingest when Redis does not answer', () => {
  it('answers 503 after the configured timeout', async () => {
    const { project, key } = await makeProject();
    const body = Buffer.from(JSON.stringify({ message: 'hello' }));
    const started = Date.now();
    const r = await handleIngest({
      method: 'POST',
      endpoint: 'store',
      projectId: String(project.id),
      query: new URLSearchParams({ sentry_key: key.publicKey, sentry_version: '7' }),
      header: (name) => (name === 'content-length' ? String(body.length) : null),
      body: [body],
      clientIp: '127.0.0.1',
    });
    const ms = Date.now() - started;
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ detail: 'event queue unavailable, retry later' });
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(ms).toBeLessThan(3000);
  });
});
