// The API root, organizations, teams and members over HTTP with real tokens and sessions, checked against the DB.
import { describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { SCOPES, ROLE_SCOPES } from '../../lib/auth/scopes.ts';
import { baseUrl, makeProject, makeToken, makeUser, uniqueSlug } from '../harness/fixtures.ts';
import { SessionClient } from '../harness/session.ts';
import { allPages, api, nextLink } from './api-support.ts';

describe('GET /api/0/', () => {
  it('answers the token’s scopes and its user, as sentry-cli info reads them', async () => {
    const { org } = await makeProject();
    const { user, email } = await makeUser({ org: org.slug, role: 'admin' });
    const token = await makeToken(user.id, ['org:read', 'project:releases']);
    const r = await api(token, 'GET', '/api/0/');
    expect(r.status).toBe(200);
    expect(r.body.version).toBe('0');
    expect(r.body.auth).toEqual({ scopes: ['org:read', 'project:releases'] });
    expect(r.body.user).toMatchObject({ id: String(user.id), email, username: email });
  });

  it('answers a session with the scopes of the person’s roles', async () => {
    const { org } = await makeProject();
    const u = await makeUser({ org: org.slug, role: 'member' });
    const s = new SessionClient(baseUrl(), '10.9.0.1');
    expect((await s.signIn(u.email, u.password)).ok).toBe(true);
    const r = await s.api('GET', '/api/0/');
    expect(r.status).toBe(200);
    const body = r.body as { auth: { scopes: string[] }; user: { email: string } };
    expect(body.user.email).toBe(u.email);
    expect(body.auth.scopes).toEqual([...ROLE_SCOPES.member].sort());
  });

  it('answers anonymous callers with no user, and a wrong token with 401', async () => {
    expect((await api(null, 'GET', '/api/0/')).body).toEqual({ version: '0', auth: null, user: null });
    const bad = await api('sntryu_not-a-token', 'GET', '/api/0/');
    expect(bad.status).toBe(401);
    expect(bad.body.detail).toBeTruthy();
  });
});

describe('organizations', () => {
  it('lists only the caller’s organizations, in Sentry’s shape, paginated by Link', async () => {
    const a = await makeProject();
    const b = await makeProject();
    const other = await makeProject();
    const { user } = await makeUser({ org: a.org.slug, role: 'member' });
    await db().membership.create({ data: { orgId: b.org.id, userId: user.id, role: 'owner' } });
    const token = await makeToken(user.id);
    const first = await api(token, 'GET', '/api/0/organizations/?per_page=1');
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(1);
    expect(nextLink(first.headers)).toMatchObject({ results: true });
    const all = await allPages(token, '/api/0/organizations/?per_page=1');
    expect(all.map((o) => o.slug).sort()).toEqual([a.org.slug, b.org.slug].sort());
    expect(all.map((o) => o.slug)).not.toContain(other.org.slug);
    expect(all[0]).toMatchObject({ isEarlyAdopter: false, require2FA: false, requireEmailVerification: false, features: [] });
    expect(typeof all[0].id).toBe('string');
    expect(Date.parse(all[0].dateCreated)).not.toBeNaN();
  });

  it('lists every organization to a superuser', async () => {
    const other = await makeProject();
    const { user } = await makeUser({ superuser: true });
    const all = await allPages(await makeToken(user.id), '/api/0/organizations/');
    expect(all.map((o) => o.slug)).toContain(other.org.slug);
  });

  it('shows one organization with the caller’s role and access; another org is 404', async () => {
    const a = await makeProject();
    const b = await makeProject();
    const { user } = await makeUser({ org: a.org.slug, role: 'manager' });
    const token = await makeToken(user.id, [...SCOPES]);
    const r = await api(token, 'GET', `/api/0/organizations/${a.org.slug}/`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ slug: a.org.slug, role: 'manager', openMembership: true });
    expect(r.body.access).toContain('member:write');
    expect(r.body.access).not.toContain('org:admin');
    const miss = await api(token, 'GET', `/api/0/organizations/${b.org.slug}/`);
    expect(miss.status).toBe(404);
    expect(miss.body.detail).toBeTruthy();
  });

  it('renames, re-slugs and closes membership; validates; members may not', async () => {
    const a = await makeProject();
    const taken = await makeProject();
    const owner = await makeUser({ org: a.org.slug, role: 'owner' });
    const member = await makeUser({ org: a.org.slug, role: 'member' });
    const token = await makeToken(owner.user.id, [...SCOPES]);
    const newSlug = uniqueSlug('renamed');
    const r = await api(token, 'PUT', `/api/0/organizations/${a.org.slug}/`, { name: 'Renamed Org', slug: newSlug, openMembership: false });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'Renamed Org', slug: newSlug, openMembership: false });
    expect(await db().organization.findUniqueOrThrow({ where: { id: a.org.id } })).toMatchObject({ name: 'Renamed Org', slug: newSlug, openMembership: false });

    for (const [body, status] of [
      [{ slug: 'Not A Slug' }, 400],
      [{ name: '' }, 400],
      [{ openMembership: 'yes' }, 400],
      [{ slug: taken.org.slug }, 409],
      ['{not json', 400],
    ] as const) {
      const bad = await api(token, 'PUT', `/api/0/organizations/${newSlug}/`, body);
      expect([JSON.stringify(body), bad.status]).toEqual([JSON.stringify(body), status]);
      expect(bad.body.detail).toBeTruthy();
    }
    const denied = await api(await makeToken(member.user.id, [...SCOPES]), 'PUT', `/api/0/organizations/${newSlug}/`, { name: 'x' });
    expect(denied.status).toBe(403);
    expect((await db().organization.findUniqueOrThrow({ where: { id: a.org.id } })).name).toBe('Renamed Org');
  });
});
