// Projects and their DSN keys over HTTP: Sentry's shapes, creation under a team with a first key, settings,
// deletion, team access, stats for the dashboard home, validation, other orgs' 404s, and keys reaching ingest.
import { describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { SCOPES } from '../../lib/auth/scopes.ts';
import { ensureProject } from '../../lib/projects/setup.ts';
import { baseUrl, makeProject, makeToken, makeUser, uniqueSlug } from '../harness/fixtures.ts';
import { allPages, api, nextLink } from './api-support.ts';

async function ownerOf(orgSlug: string) {
  const { user } = await makeUser({ org: orgSlug, role: 'owner' });
  return makeToken(user.id, [...SCOPES]);
}

function sendEvent(projectId: number, publicKey: string) {
  return fetch(`${baseUrl()}/api/${projectId}/store/?sentry_key=${publicKey}`, {
    method: 'POST',
    body: JSON.stringify({ message: 'hello from a key test', level: 'error' }),
  });
}

describe('project lists', () => {
  it('lists the org’s projects in Sentry’s shape with teams, membership and organization', async () => {
    const a = await makeProject({ platform: 'node' });
    const token = await ownerOf(a.org.slug);
    const r = await api(token, 'GET', `/api/0/organizations/${a.org.slug}/projects/`);
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1);
    expect(r.body[0]).toMatchObject({
      id: String(a.project.id),
      slug: a.project.slug,
      name: a.project.name,
      platform: 'node',
      isMember: true,
      hasAccess: true,
      status: 'active',
      team: { slug: a.team.slug },
      teams: [{ id: String(a.team.id), slug: a.team.slug, name: a.team.name }],
      organization: { id: String(a.org.id), slug: a.org.slug, name: a.org.name },
    });
    expect(r.body[0].stats).toBeUndefined();
  });

  it('adds 24 hourly stats and the unresolved issue count with statsPeriod=24h', async () => {
    const a = await makeProject();
    const token = await ownerOf(a.org.slug);
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    await db().projectHourlyCount.createMany({
      data: [
        { projectId: a.project.id, hour, count: 7 },
        { projectId: a.project.id, hour: new Date(hour.getTime() - 3 * 3_600_000), count: 2 },
        { projectId: a.project.id, hour: new Date(hour.getTime() - 30 * 3_600_000), count: 50 },
      ],
    });
    for (const [n, status] of [
      [1, 'unresolved'],
      [2, 'unresolved'],
      [3, 'resolved'],
    ] as const) {
      await db().issue.create({
        data: {
          projectId: a.project.id,
          shortNumber: n,
          hash: uniqueSlug('h'),
          title: 't',
          firstSeen: hour,
          lastSeen: hour,
          status,
        },
      });
    }
    const r = await api(token, 'GET', `/api/0/organizations/${a.org.slug}/projects/?statsPeriod=24h`);
    expect(r.status).toBe(200);
    const p = r.body[0];
    expect(p.stats).toHaveLength(24);
    expect(p.stats[23]).toEqual([hour.getTime() / 1000, 7]);
    expect(p.stats[20][1]).toBe(2);
    expect(p.stats.reduce((s: number, [, c]: number[]) => s + c, 0)).toBe(9);
    expect(p.unresolvedIssues).toBe(2);
    expect(p.firstEvent).toBe(hour.toISOString());
    expect((await api(token, 'GET', `/api/0/organizations/${a.org.slug}/projects/?statsPeriod=7y`)).status).toBe(400);
  });

  it('paginates with Link cursors and shows members only their teams’ projects in closed orgs', async () => {
    const a = await makeProject();
    await db().organization.update({ where: { id: a.org.id }, data: { openMembership: false } });
    const hidden = await ensureProject(db(), {
      org: a.org.slug,
      project: uniqueSlug('hidden'),
      team: uniqueSlug('other'),
    });
    await ensureProject(db(), { org: a.org.slug, project: uniqueSlug('third'), team: a.team.slug });
    const owner = await ownerOf(a.org.slug);
    const page1 = await api(owner, 'GET', `/api/0/organizations/${a.org.slug}/projects/?per_page=2`);
    expect(page1.body).toHaveLength(2);
    const next = nextLink(page1.headers)!;
    expect(next.results).toBe(true);
    const page2 = await api(owner, 'GET', next.path);
    expect(page2.body).toHaveLength(1);
    expect(nextLink(page2.headers)!.results).toBe(false);
    expect((await api(owner, 'GET', `/api/0/organizations/${a.org.slug}/projects/?cursor=bogus`)).status).toBe(400);

    const member = await makeUser({ org: a.org.slug, role: 'member' });
    const mine = await allPages(await makeToken(member.user.id), `/api/0/organizations/${a.org.slug}/projects/`);
    expect(mine.map((p) => p.slug)).not.toContain(hidden.project.slug);
    expect(mine).toHaveLength(2);
    const own = await allPages(await makeToken(member.user.id), '/api/0/projects/');
    expect(own.map((p) => p.slug).sort()).toEqual(mine.map((p) => p.slug).sort());
  });

  it('answers 404 for another org’s projects', async () => {
    const a = await makeProject();
    const b = await makeProject();
    const token = await ownerOf(a.org.slug);
    expect((await api(token, 'GET', `/api/0/organizations/${b.org.slug}/projects/`)).status).toBe(404);
    expect((await api(token, 'GET', `/api/0/projects/${b.org.slug}/${b.project.slug}/`)).status).toBe(404);
    expect((await api(token, 'GET', `/api/0/projects/${a.org.slug}/${b.project.slug}/`)).status).toBe(404);
    expect((await api(token, 'GET', `/api/0/projects/${b.org.slug}/${b.project.slug}/keys/`)).status).toBe(404);
    const all = await allPages(token, '/api/0/projects/');
    expect(all.map((p) => p.slug)).not.toContain(b.project.slug);
  });
});

describe('project create, update, delete', () => {
  it('creates a project under a team with its first DSN key', async () => {
    const a = await makeProject();
    const token = await ownerOf(a.org.slug);
    const r = await api(token, 'POST', `/api/0/teams/${a.org.slug}/${a.team.slug}/projects/`, {
      name: 'Checkout Service',
      platform: 'python',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      slug: 'checkout-service',
      name: 'Checkout Service',
      platform: 'python',
      teams: [{ slug: a.team.slug }],
    });
    const stored = await db().project.findUniqueOrThrow({
      where: { id: Number(r.body.id) },
      include: { keys: true, teams: true },
    });
    expect(stored.orgId).toBe(a.org.id);
    expect(stored.keys).toHaveLength(1);
    expect(stored.teams.map((t) => t.teamId)).toEqual([a.team.id]);
    const keys = await api(token, 'GET', `/api/0/projects/${a.org.slug}/checkout-service/keys/`);
    expect(keys.body.map((k: { public: string }) => k.public)).toEqual([stored.keys[0].publicKey]);

    const dup = await api(token, 'POST', `/api/0/teams/${a.org.slug}/${a.team.slug}/projects/`, {
      name: 'Other',
      slug: 'checkout-service',
    });
    expect(dup.status).toBe(409);
    for (const body of [{}, { name: '' }, { name: 'x', slug: 'Bad Slug' }, { name: 5 }]) {
      const bad = await api(token, 'POST', `/api/0/teams/${a.org.slug}/${a.team.slug}/projects/`, body);
      expect([JSON.stringify(body), bad.status]).toEqual([JSON.stringify(body), 400]);
      expect(bad.body.detail).toBeTruthy();
    }
    expect((await api(token, 'POST', `/api/0/teams/${a.org.slug}/no-such-team/projects/`, { name: 'x' })).status).toBe(
      404,
    );
    expect(await db().project.count({ where: { orgId: a.org.id } })).toBe(2);
  });

  it('members cannot create or delete projects', async () => {
    const a = await makeProject();
    const member = await makeUser({ org: a.org.slug, role: 'member' });
    const token = await makeToken(member.user.id, [...SCOPES]);
    expect(
      (await api(token, 'POST', `/api/0/teams/${a.org.slug}/${a.team.slug}/projects/`, { name: 'nope' })).status,
    ).toBe(403);
    expect((await api(token, 'DELETE', `/api/0/projects/${a.org.slug}/${a.project.slug}/`)).status).toBe(403);
    expect(await db().project.count({ where: { orgId: a.org.id } })).toBe(1);
  });

  it('updates name, slug and platform; deletes with project:admin', async () => {
    const a = await makeProject();
    const other = await ensureProject(db(), { org: a.org.slug, project: uniqueSlug('other') });
    const token = await ownerOf(a.org.slug);
    const slug = uniqueSlug('moved');
    const r = await api(token, 'PUT', `/api/0/projects/${a.org.slug}/${a.project.slug}/`, {
      name: 'Renamed',
      slug,
      platform: 'go',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'Renamed', slug, platform: 'go' });
    expect(await db().project.findUniqueOrThrow({ where: { id: a.project.id } })).toMatchObject({
      name: 'Renamed',
      slug,
      platform: 'go',
    });
    expect(
      (await api(token, 'PUT', `/api/0/projects/${a.org.slug}/${slug}/`, { slug: other.project.slug })).status,
    ).toBe(409);
    expect((await api(token, 'PUT', `/api/0/projects/${a.org.slug}/${slug}/`, { slug: 'NO' })).status).toBe(400);
    expect((await api(token, 'PUT', `/api/0/projects/${a.org.slug}/${slug}/`, { name: '' })).status).toBe(400);

    const keyToken = await makeToken((await makeUser({ org: a.org.slug, role: 'owner' })).user.id, [
      'project:read',
      'project:write',
      'org:read',
    ]);
    expect((await api(keyToken, 'DELETE', `/api/0/projects/${a.org.slug}/${slug}/`)).status).toBe(403);
    const del = await api(token, 'DELETE', `/api/0/projects/${a.org.slug}/${slug}/`);
    expect(del.status).toBe(204);
    expect(await db().project.findUnique({ where: { id: a.project.id } })).toBeNull();
    expect(await db().projectKey.count({ where: { projectId: a.project.id } })).toBe(0);
    expect((await api(token, 'GET', `/api/0/projects/${a.org.slug}/${slug}/`)).status).toBe(404);
  });

  it('gives and takes a team’s access to a project', async () => {
    const a = await makeProject();
    const team = await db().team.create({ data: { orgId: a.org.id, slug: uniqueSlug('t'), name: 'Payments' } });
    const token = await ownerOf(a.org.slug);
    const add = await api(token, 'POST', `/api/0/projects/${a.org.slug}/${a.project.slug}/teams/${team.slug}/`);
    expect(add.status).toBe(201);
    expect(add.body.teams.map((t: { slug: string }) => t.slug).sort()).toEqual([a.team.slug, team.slug].sort());
    expect(await db().projectTeam.count({ where: { projectId: a.project.id } })).toBe(2);
    const del = await api(token, 'DELETE', `/api/0/projects/${a.org.slug}/${a.project.slug}/teams/${team.slug}/`);
    expect(del.status).toBe(200);
    expect(await db().projectTeam.findMany({ where: { projectId: a.project.id } })).toEqual([
      { projectId: a.project.id, teamId: a.team.id },
    ]);
    expect((await api(token, 'POST', `/api/0/projects/${a.org.slug}/${a.project.slug}/teams/nope/`)).status).toBe(404);
  });
});

describe('project keys', () => {
  it('lists keys in Sentry’s shape with every DSN form', async () => {
    const a = await makeProject();
    const token = await ownerOf(a.org.slug);
    const r = await api(token, 'GET', `/api/0/projects/${a.org.slug}/${a.project.slug}/keys/`);
    expect(r.status).toBe(200);
    const k = r.body[0];
    const host = new URL(baseUrl()).host;
    expect(k).toMatchObject({
      id: a.key.publicKey,
      public: a.key.publicKey,
      secret: a.key.secretKey,
      projectId: a.project.id,
      isActive: true,
      rateLimit: null,
      name: 'Default',
      label: 'Default',
    });
    expect(k.dsn.public).toBe(`http://${a.key.publicKey}@${host}/${a.project.id}`);
    expect(k.dsn.secret).toBe(`http://${a.key.publicKey}:${a.key.secretKey}@${host}/${a.project.id}`);
    expect(k.dsn.security).toBe(`${baseUrl()}/api/${a.project.id}/security/?sentry_key=${a.key.publicKey}`);
    expect(k.dsn.minidump).toContain(`/api/${a.project.id}/minidump/?sentry_key=`);
    expect(k.dsn.cdn).toBeNull();
  });

  it('creates, renames, rate-limits, disables and deletes a key; ingest follows', async () => {
    const a = await makeProject();
    const token = await ownerOf(a.org.slug);
    const base = `/api/0/projects/${a.org.slug}/${a.project.slug}/keys/`;
    const created = await api(token, 'POST', base, { name: 'CI', rateLimit: { window: 3600, count: 600 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'CI', rateLimit: { window: 60, count: 10 } });
    const id = created.body.id as string;
    const row = await db().projectKey.findUniqueOrThrow({ where: { publicKey: id } });
    expect(row).toMatchObject({ projectId: a.project.id, label: 'CI', rateLimitPerMin: 10, isActive: true });
    expect((await sendEvent(a.project.id, id)).status).toBe(200);

    const renamed = await api(token, 'PUT', `${base}${id}/`, {
      name: 'Deploys',
      rateLimit: { window: 60, count: 100 },
    });
    expect(renamed.body).toMatchObject({ name: 'Deploys', rateLimit: { window: 60, count: 100 } });
    expect(await db().projectKey.findUniqueOrThrow({ where: { publicKey: id } })).toMatchObject({
      label: 'Deploys',
      rateLimitPerMin: 100,
    });
    const cleared = await api(token, 'PUT', `${base}${id}/`, { rateLimit: null });
    expect(cleared.body.rateLimit).toBeNull();

    // A second key, used once (so the edge has it cached), then deleted while the first is disabled.
    const spare = (await api(token, 'POST', base, { name: 'spare' })).body.id as string;
    expect((await sendEvent(a.project.id, spare)).status).toBe(200);
    expect((await api(token, 'DELETE', `${base}${spare}/`)).status).toBe(204);
    const off = await api(token, 'PUT', `${base}${id}/`, { isActive: false });
    expect(off.status).toBe(200);
    expect(off.body.isActive).toBe(false);
    expect((await db().projectKey.findUniqueOrThrow({ where: { publicKey: id } })).isActive).toBe(false);
    // The ingest edge caches keys for FAULTLINE_KEY_CACHE_SECONDS (5 s).
    await new Promise((r) => setTimeout(r, 5_500));
    expect((await sendEvent(a.project.id, id)).status).toBe(403);
    expect((await sendEvent(a.project.id, spare)).status).toBe(403);
    expect((await api(token, 'GET', `${base}?status=inactive`)).body.map((k: { id: string }) => k.id)).toEqual([id]);

    for (const body of [{ isActive: 'no' }, { rateLimit: { window: 0, count: 5 } }, { name: '' }]) {
      expect((await api(token, 'PUT', `${base}${id}/`, body)).status).toBe(400);
    }
    expect((await api(token, 'DELETE', `${base}${id}/`)).status).toBe(204);
    expect(await db().projectKey.findUnique({ where: { publicKey: id } })).toBeNull();
    expect((await api(token, 'GET', `${base}${id}/`)).status).toBe(404);
    // The first key still works; another project's key is not found under this project.
    expect((await sendEvent(a.project.id, a.key.publicKey)).status).toBe(200);
    const b = await makeProject();
    expect((await api(token, 'GET', `${base}${b.key.publicKey}/`)).status).toBe(404);
  });
});
