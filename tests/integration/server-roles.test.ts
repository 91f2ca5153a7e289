// `faultline run ingest` as an operator runs it (a real process on its own port, against the test database and
// Redis), and the graceful stop of the one-port server: a request in flight at SIGTERM still gets its answer.
import http from 'node:http';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/cli/paths.ts';
import { makeProject } from '../harness/fixtures.ts';
import { freePort } from '../harness/stack.ts';
import { envelope, findOnStream, testRedis } from './ingest-support.ts';

const bin = path.join(projectRoot, 'lib', 'cli', 'faultline.mjs');
let ingest: ChildProcess;
let url: string;
let p: Awaited<ReturnType<typeof makeProject>>;

async function waitUntilUp(u: string) {
  for (let i = 0; i < 300; i++) {
    if (ingest.exitCode !== null) throw new Error(`faultline run ingest exited with ${ingest.exitCode}`);
    if (
      await fetch(`${u}/_health/`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`faultline run ingest did not answer at ${u}`);
}

beforeAll(async () => {
  p = await makeProject();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  ingest = spawn(process.execPath, [bin, 'run', 'ingest', '--port', String(port), '--host', '127.0.0.1'], {
    env: process.env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitUntilUp(url);
});
afterAll(() => {
  if (ingest.exitCode === null) ingest.kill('SIGKILL');
  testRedis().disconnect();
});

const event = (id: string) => envelope({ event_id: id }, [{ type: 'event' }, JSON.stringify({ message: 'ingest' })]);

describe('faultline run ingest', () => {
  it('accepts SDK envelopes onto the stream', async () => {
    const id = 'c'.repeat(31) + '1';
    const r = await fetch(`${url}/api/${p.project.id}/envelope/?sentry_key=${p.key.publicKey}`, {
      method: 'POST',
      body: new Uint8Array(event(id)),
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ id });
    expect((await findOnStream(id))?.projectId).toBe(p.project.id);
  });

  it('answers /_health/ and nothing of the dashboard or the Web API', async () => {
    expect(await fetch(`${url}/_health/`).then((r) => r.text())).toBe('ok');
    for (const other of ['/', '/api/0/', '/auth/login', `/api/${p.project.id}/minidump/`]) {
      const r = await fetch(`${url}${other}`);
      expect(r.status, other).toBe(404);
      expect((await r.json()).detail, other).toMatch(/serves only SDK ingest/);
    }
  });

  it('on SIGTERM finishes the request in flight, then exits 0', async () => {
    const id = 'd'.repeat(31) + '2';
    const body = event(id);
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        `${url}/api/${p.project.id}/envelope/?sentry_key=${p.key.publicKey}`,
        { method: 'POST', headers: { 'content-length': body.length } },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      // Half the body now, SIGTERM, the rest a second later: the request is in flight when the stop begins.
      req.write(body.subarray(0, 10));
      setTimeout(() => ingest.kill('SIGTERM'), 200);
      setTimeout(() => req.end(body.subarray(10)), 1200);
    });
    const exited = new Promise<number | null>((resolve) => ingest.once('exit', (code) => resolve(code)));
    expect(await answer).toEqual({ status: 200, body: JSON.stringify({ id }) });
    expect(await exited).toBe(0);
    // New connections are refused once it stopped.
    await expect(fetch(`${url}/_health/`)).rejects.toThrow();
  });
});
