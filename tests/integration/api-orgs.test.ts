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
    expect(all[0]).toMatchObject({
      isEarlyAdopter: false,
      require2FA: false,
      requireEmailVerification: false,
      features: [],
    });
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
    const r = await api(token, 'PUT', `/api/0/organizations/${a.org.slug}/`, {
      name: 'Renamed Org',
      slug: newSlug,
      openMembership: false,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'Renamed Org', slug: newSlug, openMembership: false });
    expect(await db().organization.findUniqueOrThrow({ where: { id: a.org.id } })).toMatchObject({
      name: 'Renamed Org',
      slug: newSlug,
      openMembership: false,
    });

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
    const denied = await api(await makeToken(member.user.id, [...SCOPES]), 'PUT', `/api/0/organizations/${newSlug}/`, {
      name: 'x',
    });
    expect(denied.status).toBe(403);
    expect((await db().organization.findUniqueOrThrow({ where: { id: a.org.id } })).name).toBe('Renamed Org');
  });
});

describe('teams', () => {
  it('creates a team (the creator joins), lists, renames and deletes it; validates', async () => {
    const a = await makeProject();
    const owner = await makeUser({ org: a.org.slug, role: 'owner' });
    const token = await makeToken(owner.user.id, [...SCOPES]);
    const base = `/api/0/organizations/${a.org.slug}/teams/`;
    const r = await api(token, 'POST', base, { name: 'Payments Team' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      slug: 'payments-team',
      name: 'Payments Team',
      isMember: true,
      memberCount: 1,
      projects: [],
    });
    const team = await db().team.findUniqueOrThrow({
      where: { orgId_slug: { orgId: a.org.id, slug: 'payments-team' } },
      include: { members: true },
    });
    expect(team.members.map((m) => m.userId)).toEqual([owner.user.id]);
    expect((await api(token, 'POST', base, { slug: 'payments-team' })).status).toBe(409);
    for (const body of [{}, { slug: 'Bad Slug' }, { name: '' }])
      expect((await api(token, 'POST', base, body)).status).toBe(400);

    const list = await allPages(token, base);
    const def = list.find((t) => t.slug === a.team.slug);
    expect(def.projects.map((p: { slug: string }) => p.slug)).toEqual([a.project.slug]);
    expect(list.map((t) => t.slug)).toContain('payments-team');

    const put = await api(token, 'PUT', `/api/0/teams/${a.org.slug}/payments-team/`, {
      name: 'Billing',
      slug: 'billing',
    });
    expect(put.body).toMatchObject({ name: 'Billing', slug: 'billing' });
    expect((await db().team.findUniqueOrThrow({ where: { id: team.id } })).slug).toBe('billing');
    expect((await api(token, 'PUT', `/api/0/teams/${a.org.slug}/billing/`, { slug: a.team.slug })).status).toBe(409);
    expect((await api(token, 'DELETE', `/api/0/teams/${a.org.slug}/billing/`)).status).toBe(204);
    expect(await db().team.findUnique({ where: { id: team.id } })).toBeNull();
    expect((await api(token, 'GET', `/api/0/teams/${a.org.slug}/billing/`)).status).toBe(404);

    const b = await makeProject();
    expect((await api(token, 'GET', `/api/0/teams/${b.org.slug}/${b.team.slug}/`)).status).toBe(404);
    expect((await api(token, 'POST', `/api/0/organizations/${b.org.slug}/teams/`, { name: 'x' })).status).toBe(404);
  });

  it('lists a team’s members', async () => {
    const a = await makeProject();
    const u1 = await makeUser({ org: a.org.slug, role: 'member' });
    const token = await makeToken(u1.user.id);
    const r = await api(token, 'GET', `/api/0/teams/${a.org.slug}/${a.team.slug}/members/`);
    expect(r.status).toBe(200);
    expect(r.body.map((m: { email: string }) => m.email)).toEqual([u1.email]);
    expect(r.body[0]).toMatchObject({
      role: 'member',
      teams: [a.team.slug],
      user: { id: String(u1.user.id), email: u1.email },
    });
  });
});

describe('members', () => {
  async function org() {
    const a = await makeProject();
    const owner = await makeUser({ org: a.org.slug, role: 'owner' });
    const ownerMembership = await db().membership.findUniqueOrThrow({
      where: { orgId_userId: { orgId: a.org.id, userId: owner.user.id } },
    });
    return { a, owner, ownerMembership, token: await makeToken(owner.user.id, [...SCOPES]) };
  }

  it('lists members in Sentry’s shape and adds an existing user by email with a role and teams', async () => {
    const { a, owner, token } = await org();
    const base = `/api/0/organizations/${a.org.slug}/members/`;
    const list = await api(token, 'GET', base);
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({
      email: owner.email,
      role: 'owner',
      orgRole: 'owner',
      pending: false,
      user: { email: owner.email },
    });

    const outsider = await makeUser();
    const added = await api(token, 'POST', base, {
      email: outsider.email.toUpperCase(),
      orgRole: 'admin',
      teams: [a.team.slug],
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: outsider.email, role: 'admin', teams: [a.team.slug] });
    const m = await db().membership.findUniqueOrThrow({
      where: { orgId_userId: { orgId: a.org.id, userId: outsider.user.id } },
    });
    expect(m.role).toBe('admin');
    expect(added.body.id).toBe(String(m.id));
    expect(await db().teamMember.count({ where: { userId: outsider.user.id, teamId: a.team.id } })).toBe(1);

    expect((await api(token, 'POST', base, { email: outsider.email })).status).toBe(409);
    const unknown = await api(token, 'POST', base, { email: 'nobody-here@example.com' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain('no Faultline account');
    expect((await api(token, 'POST', base, { email: (await makeUser()).email, role: 'emperor' })).status).toBe(400);
    expect((await api(token, 'POST', base, { email: (await makeUser()).email, teams: ['no-such-team'] })).status).toBe(
      400,
    );
  });

  it('changes roles within the caller’s own rank and keeps the last owner', async () => {
    const { a, ownerMembership, token } = await org();
    const manager = await makeUser({ org: a.org.slug, role: 'manager' });
    const managerToken = await makeToken(manager.user.id, [...SCOPES]);
    const target = await makeUser({ org: a.org.slug, role: 'member' });
    const tm = await db().membership.findUniqueOrThrow({
      where: { orgId_userId: { orgId: a.org.id, userId: target.user.id } },
    });
    const url = `/api/0/organizations/${a.org.slug}/members/${tm.id}/`;

    expect((await api(managerToken, 'PUT', url, { role: 'admin' })).body.role).toBe('admin');
    expect((await db().membership.findUniqueOrThrow({ where: { id: tm.id } })).role).toBe('admin');
    expect((await api(managerToken, 'PUT', url, { role: 'owner' })).status).toBe(403);
    expect((await db().membership.findUniqueOrThrow({ where: { id: tm.id } })).role).toBe('admin');
    expect((await api(token, 'PUT', url, { role: 'owner' })).status).toBe(200);
    // Now two owners: the first may step down, the second (last) may not.
    expect(
      (await api(token, 'PUT', `/api/0/organizations/${a.org.slug}/members/${ownerMembership.id}/`, { role: 'member' }))
        .status,
    ).toBe(200);
    const targetToken = await makeToken(target.user.id, [...SCOPES]);
    const last = await api(targetToken, 'PUT', url, { role: 'member' });
    expect(last.status).toBe(400);
    expect(last.body.detail).toContain('at least one owner');
    expect((await db().membership.findUniqueOrThrow({ where: { id: tm.id } })).role).toBe('owner');
    // The first owner is a member now: no more role changes for them.
    expect((await api(token, 'PUT', url, { role: 'admin' })).status).toBe(403);
    expect((await api(targetToken, 'PUT', url, { role: 'nope' })).status).toBe(400);
    expect((await api(targetToken, 'GET', `/api/0/organizations/${a.org.slug}/members/999999999/`)).status).toBe(404);
  });

  it('removes members (and their team memberships), lets people leave, never removes the last owner', async () => {
    const { a, ownerMembership, token } = await org();
    const gone = await makeUser({ org: a.org.slug, role: 'member' });
    const gm = await db().membership.findUniqueOrThrow({
      where: { orgId_userId: { orgId: a.org.id, userId: gone.user.id } },
    });
    expect(await db().teamMember.count({ where: { userId: gone.user.id } })).toBe(1);
    const member = await makeUser({ org: a.org.slug, role: 'member' });
    const memberToken = await makeToken(member.user.id, [...SCOPES]);
    expect((await api(memberToken, 'DELETE', `/api/0/organizations/${a.org.slug}/members/${gm.id}/`)).status).toBe(403);
    expect((await api(token, 'DELETE', `/api/0/organizations/${a.org.slug}/members/${gm.id}/`)).status).toBe(204);
    expect(await db().membership.findUnique({ where: { id: gm.id } })).toBeNull();
    expect(await db().teamMember.count({ where: { userId: gone.user.id } })).toBe(0);

    expect((await api(memberToken, 'DELETE', `/api/0/organizations/${a.org.slug}/members/me/`)).status).toBe(204);
    expect(await db().membership.count({ where: { orgId: a.org.id, userId: member.user.id } })).toBe(0);

    const lastOwner = await api(token, 'DELETE', `/api/0/organizations/${a.org.slug}/members/${ownerMembership.id}/`);
    expect(lastOwner.status).toBe(400);
    expect(await db().membership.findUnique({ where: { id: ownerMembership.id } })).not.toBeNull();
  });

  it('adds members to teams and takes them off; members join open teams themselves', async () => {
    const { a, token } = await org();
    const team = await db().team.create({ data: { orgId: a.org.id, slug: uniqueSlug('t'), name: 'T' } });
    const u = await makeUser({ org: a.org.slug, role: 'member' });
    const um = await db().membership.findUniqueOrThrow({
      where: { orgId_userId: { orgId: a.org.id, userId: u.user.id } },
    });
    const url = `/api/0/organizations/${a.org.slug}/members/${um.id}/teams/${team.slug}/`;
    const add = await api(token, 'POST', url);
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ slug: team.slug, memberCount: 1 });
    expect((await api(token, 'POST', url)).status).toBe(204);
    expect(await db().teamMember.count({ where: { teamId: team.id } })).toBe(1);
    expect((await api(token, 'DELETE', url)).status).toBe(200);
    expect(await db().teamMember.count({ where: { teamId: team.id } })).toBe(0);

    const self = await makeToken(u.user.id, [...SCOPES]);
    expect((await api(self, 'POST', `/api/0/organizations/${a.org.slug}/members/me/teams/${team.slug}/`)).status).toBe(
      201,
    );
    await db().organization.update({ where: { id: a.org.id }, data: { openMembership: false } });
    expect(
      (await api(self, 'DELETE', `/api/0/organizations/${a.org.slug}/members/me/teams/${team.slug}/`)).status,
    ).toBe(403);
    expect(await db().teamMember.count({ where: { teamId: team.id } })).toBe(1);
  });
});
