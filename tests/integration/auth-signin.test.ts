// Local accounts through the real next-auth endpoints, sign-out, brute-force limit, the dashboard guard,
// the user's API tokens (/api/0/api-tokens/) and superuser user administration (/api/0/users/).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { baseUrl, makeUser } from '../harness/fixtures.ts';
import { SessionClient } from '../harness/session.ts';

const ip = () => `10.2.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
const client = () => new SessionClient(baseUrl(), ip());

async function signedIn(opts: { superuser?: boolean } = {}) {
  const u = await makeUser({ superuser: opts.superuser });
  const c = client();
  expect((await c.signIn(u.email, u.password)).ok).toBe(true);
  return { ...u, c };
}

describe('local sign-in', () => {
  it('signs in by email and password and returns the session', async () => {
    const { user, email, c } = await signedIn();
    const s = await c.session();
    expect(s?.uid).toBe(user.id);
    expect(s?.user?.email).toBe(email);
  });

  it('accepts the email in any case and with spaces around it', async () => {
    const u = await makeUser();
    expect((await client().signIn(`  ${u.email.toUpperCase()} `, u.password)).ok).toBe(true);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const u = await makeUser();
    const c = client();
    expect(await c.signIn(u.email, 'wrong password!')).toMatchObject({ ok: false, error: 'CredentialsSignin' });
    expect(await c.signIn('nobody-here@example.com', u.password)).toMatchObject({
      ok: false,
      error: 'CredentialsSignin',
    });
    expect(await c.session()).toBeNull();
  });

  it('refuses a POST without the CSRF token', async () => {
    const u = await makeUser();
    const r = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: u.email, password: u.password }).toString(),
      redirect: 'manual',
    });
    expect(r.headers.get('set-cookie') ?? '').not.toContain('session-token');
  });

  it('signs out', async () => {
    const { c } = await signedIn();
    await c.signOut();
    expect(await c.session()).toBeNull();
    expect((await c.api('GET', '/api/0/api-tokens/')).status).toBe(401);
  });

  it('rate-limits failures per username with a clear error, even for the right password', async () => {
    const u = await makeUser();
    for (let i = 0; i < 10; i++)
      expect((await client().signIn(u.email, `wrong-${i}-password`)).error).toBe('CredentialsSignin');
    expect(await client().signIn(u.email, u.password)).toMatchObject({ ok: false, error: 'RateLimited' });
  });
});

describe('pages', () => {
  it('serves the login page, and sends strangers from signed-in pages to it', async () => {
    const login = await fetch(`${baseUrl()}/auth/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('Sign in');
    const r = await fetch(`${baseUrl()}/settings/tokens`, { redirect: 'manual' });
    expect([307, 308]).toContain(r.status);
    expect(r.headers.get('location')).toContain('/auth/login');
  });

  it('shows admin pages to superusers only', async () => {
    const admin = await signedIn({ superuser: true });
    const member = await signedIn();
    expect((await admin.c.fetch('/admin/users')).status).toBe(200);
    expect((await admin.c.fetch('/admin/ldap')).status).toBe(200);
    expect((await member.c.fetch('/admin/users')).status).toBe(404);
    expect((await member.c.fetch('/settings/tokens')).status).toBe(200);
  });
});

describe('/api/0/api-tokens/', () => {
  it('creates a sntryu_ token shown once, lists it by its last characters, and revokes it', async () => {
    const { c } = await signedIn();
    const created = await c.api('POST', '/api/0/api-tokens/', {
      name: 'ci',
      scopes: ['project:read', 'project:releases'],
    });
    expect(created.status).toBe(201);
    const { token, id } = created.body as { token: string; id: string };
    expect(token).toMatch(/^sntryu_[0-9a-f]{64}$/);

    const list = await c.api('GET', '/api/0/api-tokens/');
    expect(list.body).toEqual([
      expect.objectContaining({
        id,
        name: 'ci',
        scopes: ['project:read', 'project:releases'],
        tokenLastCharacters: token.slice(-4),
      }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(token);

    // The token authenticates (403: token management needs a session), then stops working once revoked.
    const asToken = () => fetch(`${baseUrl()}/api/0/api-tokens/`, { headers: { authorization: `Bearer ${token}` } });
    expect((await asToken()).status).toBe(403);
    expect((await c.api('DELETE', `/api/0/api-tokens/?tokenId=${id}`)).status).toBe(204);
    expect((await asToken()).status).toBe(401);
    expect((await c.api('GET', '/api/0/api-tokens/')).body).toEqual([]);
  });

  it('accepts the tokenId in the body, as Sentry’s client sends it', async () => {
    const { c } = await signedIn();
    const { id } = (await c.api('POST', '/api/0/api-tokens/', { scopes: ['org:read'] })).body as { id: string };
    expect((await c.api('DELETE', '/api/0/api-tokens/', { tokenId: Number(id) })).status).toBe(204);
  });

  it('rejects unknown scopes, empty scopes and a missing tokenId with a 400 detail', async () => {
    const { c } = await signedIn();
    const bad = await c.api('POST', '/api/0/api-tokens/', { scopes: ['org:read', 'root:everything'] });
    expect(bad.status).toBe(400);
    expect((bad.body as { detail: string }).detail).toMatch(/scopes/);
    expect((await c.api('POST', '/api/0/api-tokens/', { scopes: [] })).status).toBe(400);
    expect((await c.api('DELETE', '/api/0/api-tokens/')).status).toBe(400);
    expect((await c.api('DELETE', '/api/0/api-tokens/?tokenId=abc')).status).toBe(400);
  });

  it('cannot revoke or see another user’s token (404)', async () => {
    const a = await signedIn();
    const b = await signedIn();
    const { id } = (await a.c.api('POST', '/api/0/api-tokens/', { scopes: ['org:read'] })).body as { id: string };
    expect((await b.c.api('DELETE', `/api/0/api-tokens/?tokenId=${id}`)).status).toBe(404);
    expect((await b.c.api('GET', '/api/0/api-tokens/')).body).toEqual([]);
    expect((await a.c.api('GET', '/api/0/api-tokens/')).body).toHaveLength(1);
  });

  it('answers 401 without a session and for a made-up token', async () => {
    expect((await fetch(`${baseUrl()}/api/0/api-tokens/`)).status).toBe(401);
    const r = await fetch(`${baseUrl()}/api/0/api-tokens/`, {
      headers: { authorization: 'Bearer sntryu_' + '0'.repeat(64) },
    });
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({ detail: 'Invalid token' });
  });
});

describe('/api/0/users/ (superuser administration)', () => {
  it('invites a local user whose temporary password signs in once handed over', async () => {
    const admin = await signedIn({ superuser: true });
    const email = `invited-${randomBytes(3).toString('hex')}@example.com`;
    const r = await admin.c.api('POST', '/api/0/users/', { email, name: 'New Person' });
    expect(r.status).toBe(201);
    const { temporaryPassword, id } = r.body as { temporaryPassword: string; id: string };
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
    expect((await client().signIn(email, temporaryPassword)).ok).toBe(true);
    const list = (await admin.c.api('GET', `/api/0/users/?query=${encodeURIComponent(email)}`)).body as {
      id: string;
      email: string;
    }[];
    expect(list).toEqual([expect.objectContaining({ id, email, isManaged: false, isActive: true })]);
    expect(JSON.stringify(list)).not.toMatch(/passwordHash|scrypt/);
  });

  it('disables a user: sign-in refused and the existing session ends; enabling restores it', async () => {
    const admin = await signedIn({ superuser: true });
    const victim = await signedIn();
    const token = (await victim.c.api('POST', '/api/0/api-tokens/', { scopes: ['org:read'] })).body as {
      token: string;
    };
    expect((await admin.c.api('PUT', `/api/0/users/${victim.user.id}/`, { isActive: false })).status).toBe(200);
    expect((await victim.c.api('GET', '/api/0/api-tokens/')).status).toBe(401);
    const viaToken = await fetch(`${baseUrl()}/api/0/api-tokens/`, {
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(viaToken.status).toBe(401);
    expect((await client().signIn(victim.email, victim.password)).error).toBe('CredentialsSignin');
    expect((await admin.c.api('PUT', `/api/0/users/${victim.user.id}/`, { isActive: true })).status).toBe(200);
    expect((await client().signIn(victim.email, victim.password)).ok).toBe(true);
  });

  it('refuses members (403), strangers (401), bad input (400) and unknown users (404)', async () => {
    const admin = await signedIn({ superuser: true });
    const member = await signedIn();
    expect((await member.c.api('GET', '/api/0/users/')).status).toBe(403);
    expect((await member.c.api('POST', '/api/0/users/', { email: 'x@example.com' })).status).toBe(403);
    expect((await member.c.api('PUT', `/api/0/users/${admin.user.id}/`, { isActive: false })).status).toBe(403);
    expect((await client().api('GET', '/api/0/users/')).status).toBe(401);
    expect((await admin.c.api('POST', '/api/0/users/', { email: 'not-an-email' })).status).toBe(400);
    expect((await admin.c.api('POST', '/api/0/users/', { email: member.email })).status).toBe(400);
    expect((await admin.c.api('PUT', `/api/0/users/${admin.user.id}/`, { isActive: false })).status).toBe(400);
    expect((await admin.c.api('PUT', '/api/0/users/999999999/', { isActive: false })).status).toBe(404);
    expect((await admin.c.api('PUT', '/api/0/users/abc/', { isActive: false })).status).toBe(404);
    expect((await admin.c.api('PUT', `/api/0/users/${member.user.id}/`, { isActive: 'no' })).status).toBe(400);
  });
});
