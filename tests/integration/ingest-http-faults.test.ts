// The ingest edge over real HTTP when clients misbehave or the server stops: a body that stalls (408 and close),
// corrupt brotli (400), a client that aborts mid-body (no 500, no error log), and SIGTERM with requests in flight
// (each still gets its 200 before the server exits). Against both paths, each its own process so its log and its
// exit can be watched: `faultline run web` (lib/server's node:http path) and `next start` (the route handlers).
import net from 'node:net';
import zlib from 'node:zlib';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextBin, serverArgs } from '../../lib/cli/processes.ts';
import { projectRoot } from '../../lib/cli/paths.ts';
import { db } from '../../lib/db.ts';
import { freePort } from '../harness/stack.ts';
import { makeProject } from '../harness/fixtures.ts';
import { waitFor } from '../harness/wait.ts';

let web: ChildProcess;
let port: number;
let log = '';
let p: Awaited<ReturnType<typeof makeProject>>;

const servers = [
  { name: 'faultline run web', args: (port: number) => serverArgs('web', port, '127.0.0.1') },
  { name: 'next start', args: (port: number) => [nextBin(), 'start', '-p', String(port), '-H', '127.0.0.1'] },
];

async function startWeb(args: (port: number) => string[]) {
  port = await freePort();
  log = '';
  web = spawn(process.execPath, args(port), {
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
  let ended = false;
  const closed = new Promise<void>((ok) => socket.on('close', () => ((ended = true), ok())));
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
    /** The first answer once it has arrived whole (status 0 after `ms`). */
    status: async (ms: number) =>
      parseAnswer(
        await waitFor(
          () => received,
          (t) => parseAnswer(t, ended).complete,
          ms,
          20,
        ),
        ended,
      ),
  };
}

/**
 * A raw HTTP/1.1 answer: status, headers by lowercase name, and the body once it is all there: by its length, its
 * last chunk, or (neither given, as Next.js answers while it stops) the connection's end.
 */
function parseAnswer(text: string, ended = false) {
  const end = text.indexOf('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0);
  if (!status || end < 0) return { status: 0, headers: {}, body: '', complete: false };
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, end).split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = text.slice(end + 4);
  const length = headers['content-length'];
  let complete = length === undefined ? ended : Buffer.byteLength(body) >= Number(length);
  if (headers['transfer-encoding'] === 'chunked') {
    let decoded = '';
    for (let i = 0, size = -1; size !== 0;) {
      const eol = body.indexOf('\r\n', i);
      if (eol < 0) break;
      size = parseInt(body.slice(i, eol), 16);
      decoded += body.slice(eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
      complete = size === 0;
    }
    body = decoded;
  }
  return { status, headers, body, complete };
}

type Answer = ReturnType<typeof parseAnswer>;

/**
 * What must be the same on both paths: the status, the JSON body, and the headers an SDK or the connection acts
 * on. Not the framing (content-length or chunked), nor what Next.js adds to every answer (next.config.ts's security
 * headers, its router's Vary values).
 */
function ingestView(a: Answer) {
  const h = a.headers;
  const vary = (h.vary ?? '').toLowerCase().split(/,\s*/);
  return {
    status: a.status,
    body: a.body ? JSON.parse(a.body) : null,
    cors: [h['access-control-allow-origin'], h['access-control-expose-headers'], vary.includes('origin')],
    contentType: h['content-type'],
    connection: h.connection?.toLowerCase(),
  };
}

/** Each path's answers by case, compared once both have run. */
const answers = new Map<string, Record<string, ReturnType<typeof ingestView>>>();
let serverName = '';
const record = (fault: string, a: Answer) => {
  answers.set(serverName, { ...answers.get(serverName), [fault]: ingestView(a) });
};

const event = () => JSON.stringify({ event_id: randomBytes(16).toString('hex'), message: 'ingest over raw http' });

describe.each(servers)('ingest over HTTP under faults, via $name', ({ name, args }) => {
  beforeAll(async () => {
    serverName = name;
    await startWeb(args);
  });
  afterAll(() => {
    if (web.exitCode === null) web.kill('SIGKILL');
  });

  it('a body that stalls after 100 of 1000 bytes gets a 408 after the idle time, and is closed', async () => {
    const started = Date.now();
    const r = rawRequest({ 'content-length': 1000, 'content-type': 'application/json' });
    r.write('{' + ' '.repeat(99));
    const a = await r.status(15_000);
    expect(a.status).toBe(408);
    expect(JSON.parse(a.body)).toEqual({ detail: 'no request body bytes for 2 s' });
    expect(a.headers.connection).toBe('close');
    record('stalled body', a);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    await Promise.race([
      r.closed,
      new Promise((_, no) => setTimeout(() => no(new Error('connection stayed open')), 3000)),
    ]);
  });

  it('corrupt brotli, and gzip labelled br, get a 400', async () => {
    for (const [i, body] of [Buffer.from('certainly not brotli'), zlib.gzipSync(event())].entries()) {
      const r = rawRequest({ 'content-length': body.length, 'content-encoding': 'br' });
      r.write(body);
      const a = await r.status(5000);
      expect(a.status).toBe(400);
      expect(JSON.parse(a.body).detail).toMatch(/^body is not valid br data: /);
      record(`corrupt brotli ${i}`, a);
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
    const a = await ok.status(5000);
    expect(a.status).toBe(200);
    record('after an abort', { ...a, body: JSON.stringify({ id: JSON.parse(a.body).id ? 'an id' : null }) });
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
    const inflightAnswers = await Promise.all(inflight.map((r) => r.status(10_000)));
    expect(inflightAnswers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(inflightAnswers.map((a) => JSON.parse(a.body))).toEqual(
      bodies.map((b) => ({ id: (JSON.parse(b) as { event_id: string }).event_id })),
    );
    const cut = await stalled.status(5000);
    expect(cut.status).toBe(408);
    record('stalled body while stopping', cut);
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

describe('both paths', () => {
  it('answered every fault alike: status, body, CORS, content type and connection', () => {
    const [lean, next] = servers.map((s) => answers.get(s.name));
    expect(Object.keys(lean ?? {})).toHaveLength(5);
    expect(lean).toEqual(next);
  });
});
