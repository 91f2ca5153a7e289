// The ingest edge refuses bad and oversized bodies with the right 4xx and a JSON detail, quickly and in flat memory.
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject } from '../harness/fixtures.ts';
import { asBody, envelope, forEachIngestServer, ingestUrl, rawPost, serverRss, testRedis } from './ingest-support.ts';

let p: Awaited<ReturnType<typeof makeProject>>;
let path: string;
let storePath: string;
beforeAll(async () => {
  p = await makeProject();
  path = `/api/${p.project.id}/envelope/?sentry_key=${p.key.publicKey}`;
  storePath = `/api/${p.project.id}/store/?sentry_key=${p.key.publicKey}`;
});
afterAll(() => testRedis().disconnect());

const MB = 1024 * 1024;

async function post(to: string, body: string | Uint8Array, headers: Record<string, string> = {}) {
  const r = await fetch(`${ingestUrl()}${to}`, { method: 'POST', body: asBody(body), headers });
  return { status: r.status, json: (await r.json()) as { detail?: string; id?: string }, headers: r.headers };
}

forEachIngestServer(() => {
  describe('malformed bodies → 400 naming the problem', () => {
    const good = envelope({ event_id: 'a'.repeat(32) }, [
      { type: 'event', length: 40 },
      JSON.stringify({ message: 'x'.repeat(26) }),
    ]);
    it.each([
      ['0-byte body', Buffer.alloc(0), {}, /empty body/],
      ['bad gzip', Buffer.from('definitely not gzip'), { 'content-encoding': 'gzip' }, /not valid gzip/],
      ['truncated gzip', zlib.gzipSync(good).subarray(0, 30), { 'content-encoding': 'gzip' }, /not valid gzip/],
      [
        'truncated envelope',
        good.subarray(0, good.length - 20),
        {},
        /truncated envelope: item 1 \(event\) declares length 40/,
      ],
      [
        'item length past the end',
        envelope({}, [{ type: 'event', length: 5000 }, '{}']),
        {},
        /item length past the end/,
      ],
      ['invalid envelope header JSON', Buffer.from('{"event_id": nope}\n'), {}, /envelope header is not valid JSON/],
      ['invalid item header JSON', Buffer.from('{}\n{type: event}\n{}\n'), {}, /item 1 header is not valid JSON/],
      [
        'invalid event JSON',
        envelope({}, [{ type: 'event' }, '{"message": "unterminated']),
        {},
        /event payload \(item 1\) is not valid JSON/,
      ],
      [
        'event that is not an object',
        envelope({}, [{ type: 'event' }, '[1,2,3]']),
        {},
        /event payload \(item 1\) is not a JSON object/,
      ],
    ])('%s', async (_name, body, headers, detail) => {
      const r = await post(path, body, headers);
      expect(r.status).toBe(400);
      expect(r.json.detail).toMatch(detail);
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
    });

    it('store: empty, not JSON and not base64+zlib, non-object', async () => {
      expect((await post(storePath, '')).json.detail).toMatch(/empty body/);
      const r = await post(storePath, 'hello there');
      expect(r.status).toBe(400);
      expect(r.json.detail).toMatch(/neither JSON nor base64/);
      expect((await post(storePath, '{"a":')).json.detail).toMatch(/event is not valid JSON/);
    });

    it('unsupported Content-Encoding → 415', async () => {
      const r = await post(path, 'x', { 'content-encoding': 'compress' });
      expect(r.status).toBe(415);
      expect(r.json.detail).toMatch(/unsupported Content-Encoding/);
    });
  });

  describe('keep-alive after an early refusal', () => {
    it('the next request on the same connection is answered (the unread body is drained, not left stuck)', async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const send = (to: string, body: Buffer, headers: Record<string, string | number> = {}) =>
        new Promise<{ status: number; socket: unknown }>((resolve, reject) => {
          const req = http.request(
            `${ingestUrl()}${to}`,
            { method: 'POST', agent, headers: { 'content-length': body.length, ...headers } },
            (res) => {
              res.resume();
              res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket }));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      const bigEvent = envelope({}, [{ type: 'event' }, JSON.stringify({ message: 'y'.repeat(3 * MB) })]);
      const unauthenticated = `/api/${p.project.id}/envelope/`;
      const a = await send(path, bigEvent); // 413 after reading only the first MB
      const b = await send(unauthenticated, bigEvent); // 401 before reading anything
      const c = await send(path, envelope({}, [{ type: 'event' }, '{}']));
      agent.destroy();
      expect([a.status, b.status, c.status]).toEqual([413, 401, 200]);
      expect(c.socket).toBe(a.socket);
    });
  });

  describe('size caps → 413', () => {
    it('Content-Length over the cap is refused before the body is read', async () => {
      const r = await rawPost(
        path,
        { 'content-length': 200 * MB, 'content-type': 'application/x-sentry-envelope' },
        (req) => {
          req.write('{}\n'); // and never the rest
        },
      );
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body).detail).toMatch(/request body is larger than the limit of 104857600 bytes/);
      const gz = await rawPost(path, { 'content-length': 21 * MB, 'content-encoding': 'gzip' }, (req) => {
        req.write(Buffer.alloc(10));
      });
      expect(gz.status).toBe(413);
      expect(JSON.parse(gz.body).detail).toMatch(/limit of 20971520 bytes/);
      expect(r.ms + gz.ms).toBeLessThan(5000);
    });

    it('a chunked body without length is cut at the cap (envelope 100 MB, store event 1 MB)', async () => {
      const chunk = Buffer.alloc(MB, 'a');
      const big = await rawPost(path, { 'transfer-encoding': 'chunked' }, async (req) => {
        req.write('{}\n{"type":"attachment"}\n');
        for (let i = 0; i < 110; i++) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        req.end();
      });
      expect(big.status).toBe(413);
      expect(JSON.parse(big.body).detail).toMatch(/request body is larger than the limit of 104857600 bytes/);

      const store = await rawPost(storePath, { 'transfer-encoding': 'chunked' }, async (req) => {
        for (let i = 0; i < 3; i++) req.write(chunk);
        req.end();
      });
      expect(store.status).toBe(413);
      expect(JSON.parse(store.body).detail).toMatch(/limit of 1048576 bytes/);
    });

    it('an event item over 1 MB is refused, with or without length', async () => {
      const huge = JSON.stringify({ message: 'x'.repeat(MB + 10) });
      for (const h of [{ type: 'event' }, { type: 'event', length: huge.length }]) {
        const r = await post(path, envelope({}, [h, huge]));
        expect(r.status).toBe(413);
        expect(r.json.detail).toMatch(/item 1 \(event\) is larger than the limit of 1048576 bytes/);
      }
    });

    it('decompression bombs (200 MB of zeros in ~200 KB of gzip) are cut off quickly in flat memory', async () => {
      const zeros = Buffer.alloc(200 * MB);
      const bombs = [
        // Envelope whose attachment line never ends: streamed and counted up to the 100 MB envelope cap.
        [
          path,
          zlib.gzipSync(Buffer.concat([Buffer.from('{}\n{"type":"attachment"}\n'), zeros]), { level: 9 }),
          /decompressed body is larger than the limit of 104857600/,
        ],
        // An event without length: cut at the 1 MB event cap.
        [
          path,
          zlib.gzipSync(Buffer.concat([Buffer.from('{}\n{"type":"event"}\n'), zeros]), { level: 9 }),
          /item 1 \(event\) is larger than the limit of 1048576/,
        ],
        // The legacy store endpoint: the whole body is one event, capped at 1 MB.
        [storePath, zlib.gzipSync(zeros, { level: 9 }), /decompressed body is larger than the limit of 1048576/],
      ] as const;
      const before = serverRss();
      for (const [to, body, detail] of bombs) {
        expect(body.length).toBeLessThan(300 * 1024);
        for (let round = 0; round < 2; round++) {
          const started = Date.now();
          const r = await post(to, body, { 'content-encoding': 'gzip' });
          expect(r.status).toBe(413);
          expect(r.json.detail).toMatch(detail);
          // A hang check, not a speed measure (that is bench/): a bomb that were expanded would take minutes here.
          expect(Date.now() - started).toBeLessThan(30_000);
        }
      }
      const grown = serverRss() - before;
      // Expanding even one bomb would take 100-200 MB; streaming keeps the server within a few MB.
      expect(grown).toBeLessThan(40 * MB);
    });
  });
});
