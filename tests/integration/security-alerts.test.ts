// Alert channels, safe by default (issue 13 items 9, 13, 14): private targets refused on save and at connect
// unless allow-listed (this run allows only 127.0.0.1), reply bodies only for superusers, Sentry's alert scopes,
// and DingTalk's per-robot limit shared by every channel on one robot.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, makeProject, makeToken, makeUser } from '../harness/fixtures.ts';
import { SessionClient } from '../harness/session.ts';
import { api } from './api-support.ts';
import { db } from '../../lib/db.ts';
import { dingtalkReceiver } from './alerts-receivers.ts';

let p: Awaited<ReturnType<typeof makeProject>>;
let owner: SessionClient;
let root: SessionClient;
/** A service on 127.0.0.2: loopback, but not on this run's allow-list. It must never be reached. */
let internal: { server: http.Server; port: number; hits: number };
/** An allowed receiver (127.0.0.1) whose reply body is internal information. */
let chatty: { server: http.Server; port: number };

function serve(host: string, status: number, body: string) {
  const self = { hits: 0 } as { server: http.Server; port: number; hits: number };
  self.server = http.createServer((req, res) => {
    self.hits++;
    req.resume();
    res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
  });
  return new Promise<typeof self>((resolve) =>
    self.server.listen(0, host, () =>
      resolve(Object.assign(self, { port: (self.server.address() as { port: number }).port })),
    ),
  );
}

beforeAll(async () => {
  p = await makeProject();
  const o = await makeUser({ org: p.org.slug, role: 'owner' });
  owner = new SessionClient(baseUrl());
  expect((await owner.signIn(o.email, o.password)).ok).toBe(true);
  const s = await makeUser({ superuser: true });
  root = new SessionClient(baseUrl());
  expect((await root.signIn(s.email, s.password)).ok).toBe(true);
  internal = await serve('127.0.0.2', 200, 'internal admin console');
  chatty = await serve('127.0.0.1', 500, 'SECRET-INTERNAL-REPLY db=10.0.0.5 password=hunter2');
});
afterAll(async () => {
  internal?.server.close();
  chatty?.server.close();
});

const channels = () => `/api/0/organizations/${p.org.slug}/alert-channels/`;

describe('private alert targets', () => {
  it.each([
    ['webhook', { url: 'http://127.0.0.2:PORT/hook' }],
    ['webhook', { url: 'http://169.254.169.254/latest/meta-data/' }],
    ['webhook', { url: 'http://10.0.0.1/' }],
    ['webhook', { url: 'http://[::1]:PORT/' }],
    ['dingtalk', { webhookUrl: 'http://192.168.1.1/robot/send?access_token=x' }],
    ['slack', { webhookUrl: 'http://172.16.0.1/services/x' }],
    ['email', { recipients: ['a@example.com'], smtpHost: '127.0.0.2', smtpPort: 25 }],
  ])('refuses a %s channel at %j when it is saved', async (type, raw) => {
    const config = JSON.parse(JSON.stringify(raw).replace('PORT', String(internal.port)));
    const r = await owner.api('POST', channels(), { name: 'x', type, config });
    expect([r.status, (r.body as { detail: string }).detail]).toEqual([400, expect.stringMatching(/private address/)]);
  });

  it('refuses at connect time too (a channel saved before its name pointed inside)', async () => {
    // Stored directly, as if its DNS name had resolved to a public address when it was saved.
    const ch = await db().alertChannel.create({
      data: {
        orgId: p.org.id,
        name: 'rebound',
        type: 'webhook',
        config: { url: `http://127.0.0.2:${internal.port}/` },
      },
    });
    const test = await owner.api('POST', `${channels()}${ch.id}/test/`);
    expect(test.body).toMatchObject({ status: 'failed', error: expect.stringMatching(/private address/) });
    expect(internal.hits).toBe(0);
  });

  it('keeps reply bodies out of API answers for anyone but a superuser', async () => {
    const created = await owner.api('POST', channels(), {
      name: 'chatty',
      type: 'webhook',
      config: { url: `http://127.0.0.1:${chatty.port}/hook` },
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const test = await owner.api('POST', `${channels()}${id}/test/`);
    expect(test.body).toMatchObject({ status: 'failed', response: 'HTTP 500' });
    const log = await owner.api('GET', `${channels()}${id}/deliveries/`);
    expect(JSON.stringify([test.body, log.body])).not.toContain('SECRET-INTERNAL-REPLY');
    const asRoot = await root.api('GET', `${channels()}${id}/deliveries/`);
    expect(JSON.stringify(asRoot.body)).toContain('SECRET-INTERNAL-REPLY');
  });
});

describe('alert scopes (as Sentry)', () => {
  it('lets an organization admin (alerts:write, no org:write) manage channels', async () => {
    const a = await makeUser({ org: p.org.slug, role: 'admin' });
    const c = new SessionClient(baseUrl());
    expect((await c.signIn(a.email, a.password)).ok).toBe(true);
    const r = await c.api('POST', channels(), {
      name: 'by admin',
      type: 'email',
      config: { recipients: ['oncall@example.com'] },
    });
    expect(r.status).toBe(201);
  });

  it('lets a token with only alert scopes manage channels and rules; a default token manages rules only', async () => {
    const o = await makeUser({ org: p.org.slug, role: 'owner' });
    const alertsOnly = await makeToken(o.user.id, ['org:read', 'project:read', 'alerts:read', 'alerts:write']);
    const email = { name: 'x', type: 'email', config: { recipients: ['a@example.com'] } };
    expect((await api(alertsOnly, 'POST', channels(), email)).status).toBe(201);
    expect((await api(alertsOnly, 'GET', channels())).status).toBe(200);
    const rules = `/api/0/projects/${p.org.slug}/${p.project.slug}/rules/`;
    const rule = { name: 'r', trigger: 'new_issue', channels: [] };
    expect((await api(alertsOnly, 'POST', rules, rule)).status).not.toBe(403);
    // createtoken's defaults are Sentry's: project:write (rules) but neither org:write nor alerts:write (channels).
    const byDefault = await makeToken(o.user.id);
    expect((await api(byDefault, 'POST', channels(), email)).status).toBe(403);
    expect((await api(byDefault, 'POST', rules, rule)).status).not.toBe(403);
  });
});

describe('DingTalk rate limit', () => {
  it('is per robot: two channels on one robot URL and token together send at most 20 a minute', async () => {
    const ding = await dingtalkReceiver({ token: 'shared-robot-token-0123456789' });
    try {
      const url = `${ding.url}/robot/send?access_token=shared-robot-token-0123456789`;
      const ids: string[] = [];
      for (const name of ['ops', 'ops again']) {
        const r = await owner.api('POST', channels(), { name, type: 'dingtalk', config: { webhookUrl: url } });
        expect(r.status).toBe(201);
        ids.push((r.body as { id: string }).id);
      }
      const statuses: string[] = [];
      for (let i = 0; i < 24; i++)
        statuses.push(
          ((await owner.api('POST', `${channels()}${ids[i % 2]}/test/`)).body as { status: string }).status,
        );
      expect(statuses.filter((s) => s === 'sent')).toHaveLength(20);
      // Faultline held the rest back itself: the robot never saw a 21st message (it would answer 130101).
      expect(ding.log).toHaveLength(20);
    } finally {
      await ding.close();
    }
  });
});
