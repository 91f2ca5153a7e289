// Cross-site writes with a real session cookie (issue 13 item 8): another origin, or no origin at all, with a
// text/plain body, must not create users, tokens or releases, nor resolve or delete issues. The same requests
// from Faultline's own origin with JSON, and API tokens without any Origin (sentry-cli), still work.
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, makeProject, makeToken, makeUser, uniqueSlug } from '../harness/fixtures.ts';
import { SessionClient } from '../harness/session.ts';
import { db } from '../../lib/db.ts';

let admin: SessionClient;
let p: Awaited<ReturnType<typeof makeProject>>;

beforeAll(async () => {
  p = await makeProject();
  const u = await makeUser({ superuser: true, org: p.org.slug, role: 'owner' });
  admin = new SessionClient(baseUrl());
  expect((await admin.signIn(u.email, u.password)).ok).toBe(true);
});

async function makeIssue() {
  const now = new Date();
  return db().issue.create({
    data: {
      projectId: p.project.id,
      shortNumber: Math.floor(Math.random() * 1e6),
      hash: uniqueSlug('h'),
      title: 'x',
      firstSeen: now,
      lastSeen: now,
    },
  });
}

/** The attacks the probe made: each with the check that it had no effect. */
function attacks() {
  const email = `${uniqueSlug('evil')}@example.com`;
  const version = uniqueSlug('evil');
  return [
    {
      name: 'POST /api/0/users/ (a superuser)',
      method: 'POST',
      path: () => '/api/0/users/',
      body: JSON.stringify({ email, superuser: true }),
      noEffect: async () => expect(await db().user.count({ where: { email } })).toBe(0),
    },
    {
      name: 'POST /api/0/api-tokens/',
      method: 'POST',
      path: () => '/api/0/api-tokens/',
      body: JSON.stringify({ name: 'evil' }),
      noEffect: async () => expect(await db().apiToken.count({ where: { name: 'evil' } })).toBe(0),
    },
    {
      name: 'POST releases',
      method: 'POST',
      path: () => `/api/0/organizations/${p.org.slug}/releases/`,
      body: JSON.stringify({ version, projects: [p.project.slug] }),
      noEffect: async () => expect(await db().release.count({ where: { version } })).toBe(0),
    },
  ];
}

describe('cross-site writes with a session cookie', () => {
  for (const [label, origin] of [
    ['from http://evil.example', 'http://evil.example'],
    ['from another port of the same host', baseUrl().replace(/:(\d+)$/, (_m, port) => `:${Number(port) + 1}`)],
    ['with no Origin or Referer', null],
  ] as const) {
    it(`refuses them ${label}, text/plain body`, async () => {
      // The session cookie, and the Origin header exactly as given (none at all for null).
      const send = (path: string, method: string, body?: string) =>
        fetch(baseUrl() + path, {
          method,
          body,
          redirect: 'manual',
          headers: { cookie: admin.cookieHeader(), 'content-type': 'text/plain', ...(origin ? { origin } : {}) },
        });
      for (const a of attacks()) {
        const r = await send(a.path(), a.method, a.body);
        expect([a.name, r.status]).toEqual([a.name, 403]);
        await a.noEffect();
      }
      const issue = await makeIssue();
      const resolve = await send(`/api/0/issues/${issue.id}/`, 'PUT', JSON.stringify({ status: 'resolved' }));
      const del = await send(`/api/0/issues/${issue.id}/`, 'DELETE');
      expect([resolve.status, del.status]).toEqual([403, 403]);
      expect((await db().issue.findUnique({ where: { id: issue.id } }))?.status).toBe('unresolved');
    });
  }

  it('refuses a non-JSON body even from our own origin (415)', async () => {
    const r = await admin.fetch('/api/0/api-tokens/', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ name: 'plain' }),
    });
    expect(r.status).toBe(415);
  });

  it('lets the same writes through from our own origin with JSON', async () => {
    const issue = await makeIssue();
    expect((await admin.api('PUT', `/api/0/issues/${issue.id}/`, { status: 'resolved' })).status).toBe(200);
    expect((await admin.api('DELETE', `/api/0/issues/${issue.id}/`)).status).toBeLessThan(300);
    expect((await admin.api('POST', '/api/0/api-tokens/', { name: 'mine' })).status).toBe(201);
    const version = uniqueSlug('ok');
    expect(
      (await admin.api('POST', `/api/0/organizations/${p.org.slug}/releases/`, { version, projects: [p.project.slug] }))
        .status,
    ).toBe(201);
  });

  it('lets API tokens write without Origin, as sentry-cli does', async () => {
    const u = await makeUser({ org: p.org.slug, role: 'owner' });
    const token = await makeToken(u.user.id);
    const r = await fetch(`${baseUrl()}/api/0/organizations/${p.org.slug}/releases/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: uniqueSlug('cli'), projects: [p.project.slug] }),
    });
    expect(r.status).toBe(201);
  });

  it("leaves next-auth's own POSTs to its CSRF token", async () => {
    const c = new SessionClient(baseUrl());
    await c.csrfToken();
    const r = await c.fetch('/api/auth/signout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
      body: 'csrfToken=forged',
    });
    // next-auth answers a bad token with a redirect back to its sign-out page, not a sign-out.
    expect(r.headers.get('location') ?? '').toMatch(/csrf=true|\/signout/);
  });
});
