// The ingest edge over real HTTP when clients misbehave or the server stops: a body that stalls (408 and close),
// corrupt brotli (400), a client that aborts mid-body (no 500, no error log), and SIGTERM with requests in flight
// (each still gets its 200 before the server exits). Its own `next start`, so its log and its exit can be watched.
import net from 'node:net';
import zlib from 'node:zlib';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextBin } from '../../lib/cli/processes.ts';
import { projectRoot } from '../../lib/cli/paths.ts';
import { db } from '../../lib/db.ts';
import { freePort } from '../harness/stack.ts';
import { makeProject } from '../harness/fixtures.ts';
import { waitFor } from '../harness/wait.ts';

let web: ChildProcess;
let port: number;
let log = '';
let p: Awaited<ReturnType<typeof makeProject>>;

async function startWeb() {
  port = await freePort();
  log = '';
  web = spawn(process.execPath, [nextBin(), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'debug', FAULTLINE_INGEST_BODY_IDLE_SECONDS: '2' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  web.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const ok = await waitFor(
    () =>
      fetch(`http://127.0.0.1:${port}/_health/`).then(
        (r) => r.ok,
        () => false,
      ),
    (v) => v,
    60_000,
  );
  if (!ok) throw new Error(`web did not start: ${log}`);
}

beforeAll(async () => {
  p = await makeProject();
  await startWeb();
});
afterAll(() => {
  if (web.exitCode === null) web.kill('SIGKILL');
});

/** A raw HTTP/1.1 request whose body is written by the test, piece by piece; `answer` resolves with what came back. */
function rawRequest(
  headers: Record<string, string | number>,
  path = `/api/${p.project.id}/store/?sentry_key=${p.key.publicKey}&sentry_version=7`,
) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d) => (received += d.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((ok) => socket.on('close', () => ok()));
  const head = [
    `POST ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ].join('\r\n');
  socket.write(head);
  return {
    write: (b: string | Buffer) => socket.write(b),
    abort: () => socket.destroy(),
    closed,
    /** Status of the first answer once it has arrived (or 0 after `ms`). */
    status: async (ms: number) => {
      const r = await waitFor(
        () => received,
        (t) => /^HTTP\/1\.1 \d+/.test(t) && t.includes('\r\n\r\n'),
        ms,
        20,
      );
      return { status: Number(/^HTTP\/1\.1 (\d+)/.exec(r)?.[1] ?? 0), text: r };
    },
  };
}

const event = () => JSON.stringify({ event_id: randomBytes(16).toString('hex'), message: 'ingest over raw http' });

describe('ingest over HTTP under faults', () => {
  it('a body that stalls after 100 of 1000 bytes gets a 408 after the idle time, and is closed', async () => {
    const started = Date.now();
    const r = rawRequest({ 'content-length': 1000, 'content-type': 'application/json' });
    r.write('{' + ' '.repeat(99));
    const a = await r.status(15_000);
    expect(a.status).toBe(408);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    await Promise.race([
      r.closed,
      new Promise((_, no) => setTimeout(() => no(new Error('connection stayed open')), 3000)),
    ]);
  });

  it('corrupt brotli, and gzip labelled br, get a 400', async () => {
    for (const body of [Buffer.from('certainly not brotli'), zlib.gzipSync(event())]) {
      const r = rawRequest({ 'content-length': body.length, 'content-encoding': 'br' });
      r.write(body);
      expect((await r.status(5000)).status).toBe(400);
      r.abort();
    }
  });

  it('a client that aborts mid-body is not an internal error', async () => {
    const r = rawRequest({ 'content-length': 1000 });
    r.write('{"message": "half a');
    await new Promise((ok) => setTimeout(ok, 200));
    r.abort();
    await new Promise((ok) => setTimeout(ok, 1000));
    // Neither our error log nor Next's unhandled-error line (`⨯ Error: aborted`, a 500 had the client stayed).
    expect(log).not.toMatch(/"level":"error"|⨯/);
    // The server is fine.
    const ok = rawRequest({ 'content-length': Buffer.byteLength(event()) });
    ok.write(event());
    expect((await ok.status(5000)).status).toBe(200);
    ok.abort();
  });

  it('on SIGTERM, requests in flight still get their 200 before the server exits', async () => {
    const bodies = Array.from({ length: 4 }, event);
    const inflight = bodies.map((b) => {
      const r = rawRequest({ 'content-length': Buffer.byteLength(b) });
      r.write(b.slice(0, 20));
      return r;
    });
    // A client that went silent mid-body holds the server's close until the idle deadline cuts it off (without
    // one, until Node's 5-minute request timeout).
    const stalled = rawRequest({ 'content-length': 1000 });
    stalled.write('{"message": "and then nothing');
    await new Promise((ok) => setTimeout(ok, 300));
    const exited = new Promise<number | null>((ok) => web.once('exit', (code) => ok(code)));
    const termAt = Date.now();
    web.kill('SIGTERM');
    await new Promise((ok) => setTimeout(ok, 500));
    inflight.forEach((r, i) => r.write(bodies[i].slice(20)));
    const answers = await Promise.all(inflight.map((r) => r.status(10_000)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect((await stalled.status(5000)).status).toBe(408);
    await Promise.race([exited, new Promise((_, no) => setTimeout(() => no(new Error('server still up')), 10_000))]);
    expect(Date.now() - termAt).toBeLessThan(10_000);
    const ids = bodies.map((b) => (JSON.parse(b) as { event_id: string }).event_id);
    const n = await waitFor(
      () => db().event.count({ where: { projectId: p.project.id, eventId: { in: ids } } }),
      (c) => c === ids.length,
      20_000,
    );
    expect(n).toBe(ids.length);
  });
});
