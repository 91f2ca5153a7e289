// The ingest edge over HTTP: DSN key auth, CORS, rate limits, ids, paths, and events landing on the Redis stream.
import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject } from '../harness/fixtures.ts';
import { db } from '../../lib/db.ts';
import { createProjectKey } from '../../lib/projects/keys.ts';
import { asBody, envelope, findOnStream, forEachIngestServer, ingestUrl, testRedis } from './ingest-support.ts';

type P = Awaited<ReturnType<typeof makeProject>>;
let p: P;
let other: P;

beforeAll(async () => {
  p = await makeProject();
  other = await makeProject();
});
afterAll(() => testRedis().disconnect());

const hex = () => randomBytes(16).toString('hex');
const url = (path: string, key?: string) => `${ingestUrl()}${path}${key ? `?sentry_version=7&sentry_key=${key}` : ''}`;
const eventEnvelope = (eventId = hex()) =>
  envelope({ event_id: eventId }, [
    { type: 'event' },
    JSON.stringify({ event_id: eventId, message: 'hello from the edge test' }),
  ]);

async function post(
  path: string,
  body: string | Uint8Array,
  init: { key?: string; headers?: Record<string, string> } = {},
) {
  const r = await fetch(url(path, init.key), { method: 'POST', body: asBody(body), headers: init.headers });
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: text ? JSON.parse(text) : null, text };
}

forEachIngestServer(() => {
  describe('DSN key auth', () => {
    it('accepts the key in X-Sentry-Auth, Authorization: Sentry, the query and the envelope dsn', async () => {
      const key = p.key.publicKey;
      const path = `/api/${p.project.id}/envelope/`;
      const ways = [
        () =>
          post(path, eventEnvelope(), {
            headers: { 'x-sentry-auth': `Sentry sentry_key=${key}, sentry_version=7, sentry_client=test/1` },
          }),
        () => post(path, eventEnvelope(), { headers: { authorization: `Sentry sentry_key=${key}, sentry_version=7` } }),
        () => post(path, eventEnvelope(), { key }),
        () => post(path, envelope({ dsn: p.dsn }, [{ type: 'event' }, '{"message":"dsn in header"}'])),
      ];
      for (const way of ways) {
        const r = await way();
        expect(r.status, r.text).toBe(200);
        expect(r.json.id).toMatch(/^[0-9a-f]{32}$/);
      }
    });

    it('no key → 401', async () => {
      const r = await post(`/api/${p.project.id}/envelope/`, eventEnvelope());
      expect(r.status).toBe(401);
      expect(r.json.detail).toMatch(/no DSN key/);
    });

    it('unknown key → 403', async () => {
      const r = await post(`/api/${p.project.id}/envelope/`, eventEnvelope(), { key: hex() });
      expect(r.status).toBe(403);
      expect(r.json.detail).toBe('unknown DSN key');
    });

    it("another project's key → 403", async () => {
      const r = await post(`/api/${p.project.id}/envelope/`, eventEnvelope(), { key: other.key.publicKey });
      expect(r.status).toBe(403);
      expect(r.json.detail).toMatch(/does not belong to project/);
    });

    it('revoked (inactive) key → 403', async () => {
      const k = await createProjectKey(db(), p.project.id, 'revoked');
      await db().projectKey.update({ where: { id: k.id }, data: { isActive: false } });
      const r = await post(`/api/${p.project.id}/envelope/`, eventEnvelope(), { key: k.publicKey });
      expect(r.status).toBe(403);
      expect(r.json.detail).toBe('DSN key is disabled');
    });

    it('a project id that is not a number → 400', async () => {
      const r = await post(`/api/abc/envelope/`, eventEnvelope(), { key: p.key.publicKey });
      expect(r.status).toBe(400);
      expect(r.json.detail).toMatch(/project id/);
    });
  });

  describe('events reach the Redis stream', () => {
    it('a 200 means the event is on `${REDIS_PREFIX}events` with its raw payload', async () => {
      const id = hex();
      const payload = JSON.stringify({ event_id: id, message: 'on the stream', extra: { n: 1 } });
      const r = await post(`/api/${p.project.id}/envelope/`, envelope({ event_id: id }, [{ type: 'event' }, payload]), {
        key: p.key.publicKey,
      });
      expect(r.json).toEqual({ id });
      const entry = await findOnStream(id);
      expect(entry).toMatchObject({ projectId: p.project.id, keyId: p.key.id, eventId: id, payload });
      expect(Date.parse(entry!.receivedAt)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('normalizes a dashed envelope event_id and uses it when the payload has none', async () => {
      const dashed = '30011660-4b97-4a42-a5c3-' + hex().slice(0, 12).toUpperCase();
      const r = await post(
        `/api/${p.project.id}/envelope`,
        envelope({ event_id: dashed }, [{ type: 'event' }, '{"message":"no id"}']),
        { key: p.key.publicKey },
      );
      const want = dashed.replaceAll('-', '').toLowerCase();
      expect(r.json).toEqual({ id: want });
      expect((await findOnStream(want))?.payload).toBe('{"message":"no id"}');
    });

    it('generates an id when nobody gave one', async () => {
      const r = await post(`/api/${p.project.id}/envelope/`, envelope({}, [{ type: 'event', length: 2 }, '{}']), {
        key: p.key.publicKey,
      });
      expect(r.json.id).toMatch(/^[0-9a-f]{32}$/);
      expect(await findOnStream(r.json.id)).toBeDefined();
    });

    it('legacy /store/: gzip JSON with X-Sentry-Auth, and base64+zlib from very old clients', async () => {
      const auth = { 'x-sentry-auth': `Sentry sentry_key=${p.key.publicKey}, sentry_version=6` };
      const id1 = hex();
      const r1 = await post(
        `/api/${p.project.id}/store/`,
        zlib.gzipSync(JSON.stringify({ event_id: id1, message: 'store gzip' })),
        { headers: { ...auth, 'content-encoding': 'gzip' } },
      );
      expect(r1.json).toEqual({ id: id1 });
      const id2 = hex();
      const old = zlib.deflateSync(JSON.stringify({ event_id: id2, message: 'store b64' })).toString('base64');
      const r2 = await post(`/api/${p.project.id}/store`, old, { headers: auth });
      expect(r2.json).toEqual({ id: id2 });
      expect((await findOnStream(id1))?.payload).toContain('store gzip');
      expect((await findOnStream(id2))?.payload).toContain('store b64');
    });

    it('envelopes without an event answer 200 {} (unknown types, sessions, transactions, attachments)', async () => {
      const body = envelope(
        {},
        [{ type: 'session' }, '{"sid":"x"}'],
        [{ type: 'some_future_type' }, 'whatever'],
        [{ type: 'transaction' }, '{"type":"transaction"}'],
        [{ type: 'attachment', length: 5, filename: 'a.txt' }, 'hello'],
        [{ type: 'client_report' }, '{}'],
      );
      const r = await post(`/api/${p.project.id}/envelope/`, body, { key: p.key.publicKey });
      expect(r.status).toBe(200);
      expect(r.json).toEqual({});
    });

    it('an event next to an unknown item type is still accepted', async () => {
      const id = hex();
      const body = envelope({ event_id: id }, [{ type: 'mystery' }, 'zzz'], [{ type: 'event' }, '{"message":"x"}']);
      expect((await post(`/api/${p.project.id}/envelope/`, body, { key: p.key.publicKey })).json).toEqual({ id });
    });
  });

  describe('CORS', () => {
    const origin = 'http://app.example.test';
    it('answers the preflight', async () => {
      const r = await fetch(url(`/api/${p.project.id}/envelope/`), {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, x-sentry-auth',
        },
      });
      expect(r.status).toBe(200);
      expect(r.headers.get('access-control-allow-origin')).toBe(origin);
      expect(r.headers.get('access-control-allow-methods')).toContain('POST');
      for (const h of ['x-sentry-auth', 'content-type', 'content-encoding', 'sentry-trace', 'baggage'])
        expect(r.headers.get('access-control-allow-headers')).toContain(h);
    });

    it('every answer carries the CORS headers: 200, 401, 403, 400, 405', async () => {
      const path = `/api/${p.project.id}/envelope/`;
      const answers = [
        await post(path, eventEnvelope(), {
          key: p.key.publicKey,
          headers: { origin, 'content-type': 'text/plain;charset=UTF-8' },
        }),
        await post(path, eventEnvelope(), { headers: { origin } }),
        await post(path, eventEnvelope(), { key: hex(), headers: { origin } }),
        await post(path, 'garbage', { key: p.key.publicKey, headers: { origin } }),
      ];
      const get = await fetch(url(path, p.key.publicKey), { headers: { origin } });
      expect(answers.map((a) => a.status)).toEqual([200, 401, 403, 400]);
      expect(get.status).toBe(405);
      expect((await get.json()).detail).toMatch(/method GET is not allowed/);
      for (const h of [...answers.map((a) => a.headers), get.headers]) {
        expect(h.get('access-control-allow-origin')).toBe(origin);
        expect(h.get('access-control-expose-headers')).toMatch(/X-Sentry-Rate-Limits, Retry-After/);
        expect(h.get('content-type')).toBe('application/json');
      }
    });

    it("the project's allowed domains refuse other origins with 403", async () => {
      const q = await makeProject();
      await db().project.update({ where: { id: q.project.id }, data: { allowedDomains: ['*.example.test'] } });
      const path = `/api/${q.project.id}/envelope/`;
      const ok = await post(path, eventEnvelope(), { key: q.key.publicKey, headers: { origin } });
      const refused = await post(path, eventEnvelope(), {
        key: q.key.publicKey,
        headers: { origin: 'https://evil.test' },
      });
      expect(ok.status).toBe(200);
      expect(refused.status).toBe(403);
      expect(refused.json.detail).toMatch(/origin https:\/\/evil.test is not among the project's allowed domains/);
      expect(refused.headers.get('access-control-allow-origin')).toBe('https://evil.test');
    });
  });

  describe('rate limit per key', () => {
    it('answers 429 with Retry-After and X-Sentry-Rate-Limits once the per-minute limit is used up', async () => {
      const k = await createProjectKey(db(), p.project.id, 'limited');
      await db().projectKey.update({ where: { id: k.id }, data: { rateLimitPerMin: 2 } });
      const send = () =>
        post(`/api/${p.project.id}/envelope/`, eventEnvelope(), {
          key: k.publicKey,
          headers: { origin: 'http://x.test' },
        });
      const statuses = [];
      let last;
      for (let i = 0; i < 3; i++) {
        last = await send();
        statuses.push(last.status);
      }
      // The window is a calendar minute: if it rolled over between requests, the third one may pass.
      if (statuses[2] === 200) {
        last = await send();
        statuses[2] = last.status;
      }
      expect(statuses).toEqual([200, 200, 429]);
      const retry = Number(last!.headers.get('retry-after'));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      expect(last!.headers.get('x-sentry-rate-limits')).toBe(`${retry}::key`);
      expect(last!.headers.get('access-control-allow-origin')).toBe('http://x.test');
      expect(last!.json.detail).toMatch(/rate limit of 2 events per minute/);
      // Envelopes without events do not count and still pass.
      expect(
        (await post(`/api/${p.project.id}/envelope/`, envelope({}, [{ type: 'session' }, '{}']), { key: k.publicKey }))
          .status,
      ).toBe(200);
    });
  });

  describe('paths that are not (yet) ingest', () => {
    it.each([
      ['POST', 'security/', /security reports/],
      ['POST', 'minidump/', /minidump uploads/],
      ['POST', 'unreal/abc123/', /Unreal Engine/],
      ['POST', 'otlp/v1/traces', /OpenTelemetry/],
      ['GET', 'nonsense/deeper/path', /no API endpoint/],
    ])('%s /api/<id>/%s → JSON 404', async (method, rest, detail) => {
      const r = await fetch(`${ingestUrl()}/api/${p.project.id}/${rest}`, {
        method,
        body: method === 'POST' ? '{}' : undefined,
      });
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toBe('application/json');
      expect((await r.json()).detail).toMatch(detail);
    });

    it('an unknown /api path is a JSON 404, and /api/0/ routes are not shadowed by the catch-all', async () => {
      const r = await fetch(`${ingestUrl()}/api/nothing-here`);
      expect(r.status).toBe(404);
      expect((await r.json()).detail).toMatch(/no API endpoint at \/api\/nothing-here/);
      const users = await fetch(`${ingestUrl()}/api/0/users/`);
      expect(users.status).toBe(401); // the users route itself asks for credentials
      expect((await users.json()).detail).not.toMatch(/no API endpoint/);
    });
  });
});
