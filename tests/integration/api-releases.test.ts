// Releases, deploys, commits and repositories over HTTP, checked against the stored rows.
import { describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { SCOPES } from '../../lib/auth/scopes.ts';
import { ensureProject } from '../../lib/projects/setup.ts';
import { makeProject, makeToken, makeUser, uniqueSlug } from '../harness/fixtures.ts';
import { allPages, api, nextLink } from './api-support.ts';

async function setup() {
  const a = await makeProject({ platform: 'node' });
  const owner = await makeUser({ org: a.org.slug, role: 'owner' });
  return {
    a,
    token: await makeToken(owner.user.id, [...SCOPES]),
    base: `/api/0/organizations/${a.org.slug}/releases/`,
  };
}

const enc = encodeURIComponent;

describe('releases', () => {
  it('creates a release in Sentry’s shape; the same version again adds projects and answers 208', async () => {
    const { a, token, base } = await setup();
    const second = await ensureProject(db(), { org: a.org.slug, project: uniqueSlug('second') });
    const version = `shop@1.2.3+${uniqueSlug('b')}`;
    const started = '2026-01-02T03:04:05.123456789Z';
    const r = await api(token, 'POST', base, {
      version,
      projects: [a.project.slug],
      ref: 'abc123',
      url: 'https://ci.example.com/1',
      dateStarted: started,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      version,
      shortVersion: version.slice('shop@'.length),
      ref: 'abc123',
      url: 'https://ci.example.com/1',
      dateStarted: '2026-01-02T03:04:05.123Z',
      dateReleased: null,
      newGroups: 0,
      commitCount: 0,
      deployCount: 0,
      lastDeploy: null,
      firstEvent: null,
      lastEvent: null,
      authors: [],
      projects: [{ id: a.project.id, slug: a.project.slug, name: a.project.name, platform: 'node', newGroups: 0 }],
    });
    const row = await db().release.findUniqueOrThrow({
      where: { orgId_version: { orgId: a.org.id, version } },
      include: { projects: true },
    });
    expect(row.dateStarted?.toISOString()).toBe('2026-01-02T03:04:05.123Z');
    expect(row.projects.map((p) => p.projectId)).toEqual([a.project.id]);

    // sentry-cli sends numeric project ids as numbers.
    const again = await api(token, 'POST', base, { version, projects: [second.project.id] });
    expect(again.status).toBe(208);
    expect(again.body.projects.map((p: { slug: string }) => p.slug).sort()).toEqual(
      [a.project.slug, second.project.slug].sort(),
    );
    expect(await db().releaseProject.count({ where: { releaseId: row.id } })).toBe(2);
    expect(await db().release.count({ where: { orgId: a.org.id, version } })).toBe(1);
  });

  it('fills in a release the worker created from events, and shows its new issues and event times', async () => {
    const { a, token, base } = await setup();
    const version = uniqueSlug('from-events');
    const rel = await db().release.create({ data: { orgId: a.org.id, version } });
    await db().releaseProject.create({ data: { releaseId: rel.id, projectId: a.project.id, newIssues: 2 } });
    const first = new Date('2026-02-01T10:00:00Z');
    const last = new Date('2026-02-03T12:00:00Z');
    const issue = await db().issue.create({
      data: {
        projectId: a.project.id,
        shortNumber: 1,
        hash: uniqueSlug('h'),
        title: 't',
        firstSeen: first,
        lastSeen: last,
      },
    });
    await db().issueTagValue.create({
      data: { issueId: issue.id, key: 'release', value: version, count: 3n, firstSeen: first, lastSeen: last },
    });
    const r = await api(token, 'POST', base, { version, projects: [a.project.slug], ref: 'main' });
    expect(r.status).toBe(208);
    expect(r.body).toMatchObject({
      newGroups: 2,
      ref: 'main',
      firstEvent: first.toISOString(),
      lastEvent: last.toISOString(),
    });
    expect((await db().release.findUniqueOrThrow({ where: { id: rel.id } })).ref).toBe('main');
  });

  it('refuses bad versions, no projects, unknown or other orgs’ projects, bad dates', async () => {
    const { a, token, base } = await setup();
    const b = await makeProject();
    for (const body of [
      { version: '', projects: [a.project.slug] },
      { version: 'a/b', projects: [a.project.slug] },
      { version: 'latest', projects: [a.project.slug] },
      { version: 'x'.repeat(201), projects: [a.project.slug] },
      { version: 'ok-1', projects: [] },
      { version: 'ok-1' },
      { version: 'ok-1', projects: ['no-such-project'] },
      { version: 'ok-1', projects: [b.project.slug] },
      { version: 'ok-1', projects: [b.project.id] },
      { version: 'ok-1', projects: [a.project.slug], dateStarted: 'yesterday' },
    ]) {
      const r = await api(token, 'POST', base, body);
      expect([JSON.stringify(body).slice(0, 80), r.status]).toEqual([JSON.stringify(body).slice(0, 80), 400]);
      expect(r.body.detail).toBeTruthy();
    }
    expect(await db().release.count({ where: { orgId: a.org.id } })).toBe(0);
  });

  it('finalizes, updates and deletes by URL-encoded version; another org’s release is 404', async () => {
    const { a, token, base } = await setup();
    const version = 'web app@2.0.0+build 7';
    expect((await api(token, 'POST', base, { version, projects: [a.project.slug] })).status).toBe(201);
    const url = `${base}${enc(version)}/`;
    expect((await api(token, 'GET', url)).body.version).toBe(version);
    const fin = await api(token, 'PUT', url, { dateReleased: '2026-03-04T05:06:07Z', url: 'https://example.com/r' });
    expect(fin.status).toBe(200);
    expect(fin.body).toMatchObject({ dateReleased: '2026-03-04T05:06:07.000Z', url: 'https://example.com/r' });
    expect(
      (
        await db().release.findUniqueOrThrow({ where: { orgId_version: { orgId: a.org.id, version } } })
      ).dateReleased?.toISOString(),
    ).toBe('2026-03-04T05:06:07.000Z');
    expect((await api(token, 'PUT', url, { dateReleased: 'soon' })).status).toBe(400);
    expect((await api(token, 'PUT', url, { status: 'archived' })).status).toBe(400);

    const b = await makeProject();
    const bOwner = await makeUser({ org: b.org.slug, role: 'owner' });
    const bToken = await makeToken(bOwner.user.id, [...SCOPES]);
    expect((await api(bToken, 'GET', `/api/0/organizations/${a.org.slug}/releases/${enc(version)}/`)).status).toBe(404);
    expect((await api(bToken, 'DELETE', `/api/0/organizations/${a.org.slug}/releases/${enc(version)}/`)).status).toBe(
      404,
    );
    expect((await api(token, 'GET', `${base}${enc('no-such')}/`)).status).toBe(404);
    // A literal % in a version survives the round trip (decoded exactly once).
    expect((await api(token, 'POST', base, { version: '100%-done', projects: [a.project.slug] })).status).toBe(201);
    expect((await api(token, 'GET', `${base}${enc('100%-done')}/`)).body.version).toBe('100%-done');

    expect((await api(token, 'DELETE', url)).status).toBe(204);
    expect(await db().release.count({ where: { orgId: a.org.id, version } })).toBe(0);
    expect((await api(token, 'DELETE', url)).status).toBe(404);
  });

  it('project-scoped release routes: the project must be the org’s and visible; an update links it', async () => {
    const { a, token } = await setup();
    const version = 'web@3.0.0';
    const other = await makeProject({ org: a.org.slug });
    const secret = await ensureProject(db(), { org: a.org.slug, project: uniqueSlug('secret'), team: uniqueSlug('t') });
    const b = await makeProject();
    const release = await db().release.create({
      data: { orgId: a.org.id, version, projects: { create: { projectId: a.project.id } } },
    });
    const at = (org: string, project: string) => `/api/0/projects/${org}/${project}/releases/${enc(version)}/`;
    const linked = async () =>
      (await db().releaseProject.findMany({ where: { releaseId: release.id } })).map((r) => r.projectId).sort();

    expect((await api(token, 'GET', at(a.org.slug, a.project.slug))).body.version).toBe(version);
    // Reading through a project the release is not in, an unknown project, or another org's: 404 (as Sentry).
    for (const [org, project] of [
      [a.org.slug, other.project.slug],
      [a.org.slug, 'no-such-project'],
      [a.org.slug, b.project.slug],
      [b.org.slug, b.project.slug],
    ])
      expect([project, (await api(token, 'GET', at(org, project))).status]).toEqual([project, 404]);

    // sentry-cli 2.x finalizes through the project route: the release joins that project.
    const fin = await api(token, 'PUT', at(a.org.slug, other.project.slug), { dateReleased: '2026-03-04T05:06:07Z' });
    expect(fin.status).toBe(200);
    expect(fin.body.dateReleased).toBe('2026-03-04T05:06:07.000Z');
    expect(await linked()).toEqual([a.project.id, other.project.id].sort());
    expect((await api(token, 'GET', at(a.org.slug, other.project.slug))).status).toBe(200);
    for (const [org, project] of [
      [a.org.slug, 'no-such-project'],
      [a.org.slug, b.project.slug],
    ])
      expect([project, (await api(token, 'PUT', at(org, project), { ref: 'x' })).status]).toEqual([project, 404]);

    // A member outside the secret project's team (membership closed) neither reads nor links through it.
    await db().organization.update({ where: { id: a.org.id }, data: { openMembership: false } });
    const member = await makeUser({ org: a.org.slug, role: 'member' });
    const memberToken = await makeToken(member.user.id, [...SCOPES]);
    expect((await api(memberToken, 'GET', at(a.org.slug, a.project.slug))).status).toBe(200);
    expect((await api(memberToken, 'PUT', at(a.org.slug, secret.project.slug), { ref: 'x' })).status).toBe(404);
    expect(await linked()).toEqual([a.project.id, other.project.id].sort());
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).ref).toBeNull();
  });

  it('keeps releases that issues point at', async () => {
    const { a, token, base } = await setup();
    const version = uniqueSlug('used');
    await api(token, 'POST', base, { version, projects: [a.project.slug] });
    const now = new Date();
    await db().issue.create({
      data: {
        projectId: a.project.id,
        shortNumber: 1,
        hash: uniqueSlug('h'),
        title: 't',
        firstSeen: now,
        lastSeen: now,
        firstRelease: version,
      },
    });
    const r = await api(token, 'DELETE', `${base}${enc(version)}/`);
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain('referenced by active issues');
    expect(await db().release.count({ where: { orgId: a.org.id, version } })).toBe(1);
  });

  it('lists newest first, filters by query and project, paginates; members see their projects’ releases', async () => {
    const { a, token, base } = await setup();
    await db().organization.update({ where: { id: a.org.id }, data: { openMembership: false } });
    const hidden = await ensureProject(db(), { org: a.org.slug, project: uniqueSlug('hidden'), team: uniqueSlug('t') });
    for (const v of ['1.0.0', '1.1.0', '2.0.0']) {
      expect((await api(token, 'POST', base, { version: v, projects: [a.project.slug] })).status).toBe(201);
      await new Promise((r) => setTimeout(r, 5));
    }
    await api(token, 'POST', base, { version: 'secret-1', projects: [hidden.project.slug] });
    const page = await api(token, 'GET', `${base}?per_page=2`);
    expect(page.body.map((r: { version: string }) => r.version)).toEqual(['secret-1', '2.0.0']);
    expect(nextLink(page.headers)!.results).toBe(true);
    expect((await allPages(token, `${base}?per_page=2`)).map((r) => r.version)).toEqual([
      'secret-1',
      '2.0.0',
      '1.1.0',
      '1.0.0',
    ]);
    expect((await api(token, 'GET', `${base}?query=1.`)).body.map((r: { version: string }) => r.version)).toEqual([
      '1.1.0',
      '1.0.0',
    ]);
    expect(
      (await api(token, 'GET', `${base}?project=${hidden.project.id}`)).body.map((r: { version: string }) => r.version),
    ).toEqual(['secret-1']);
    expect((await api(token, 'GET', `${base}?project=abc`)).status).toBe(400);
    const projectList = await api(token, 'GET', `/api/0/projects/${a.org.slug}/${a.project.slug}/releases/`);
    expect(projectList.body.map((r: { version: string }) => r.version)).toEqual(['2.0.0', '1.1.0', '1.0.0']);

    const member = await makeUser({ org: a.org.slug, role: 'member' });
    const mt = await makeToken(member.user.id);
    expect((await allPages(mt, base)).map((r) => r.version)).toEqual(['2.0.0', '1.1.0', '1.0.0']);
    expect((await api(mt, 'GET', `${base}secret-1/`)).status).toBe(404);
    // Members may create releases (project:releases), as in Sentry.
    expect((await api(mt, 'POST', base, { version: '3.0.0', projects: [a.project.slug] })).status).toBe(201);
    expect((await api(mt, 'POST', base, { version: '3.0.1', projects: [hidden.project.slug] })).status).toBe(400);
  });
});

describe('deploys', () => {
  it('creates and lists deploys; the release shows the count and the last one', async () => {
    const { a, token, base } = await setup();
    await api(token, 'POST', base, { version: '5.0.0', projects: [a.project.slug] });
    const d1 = await api(token, 'POST', `${base}5.0.0/deploys/`, {
      environment: 'staging',
      dateFinished: '2026-04-01T00:00:00Z',
    });
    expect(d1.status).toBe(201);
    expect(d1.body).toMatchObject({
      environment: 'staging',
      name: null,
      dateFinished: '2026-04-01T00:00:00.000Z',
      dateStarted: null,
    });
    const d2 = await api(token, 'POST', `${base}5.0.0/deploys/`, {
      environment: 'prod',
      name: 'blue',
      url: 'https://ci/2',
      dateStarted: '2026-04-02T00:00:00Z',
    });
    expect(d2.status).toBe(201);
    const rows = await db().deploy.findMany({
      where: { release: { orgId: a.org.id, version: '5.0.0' } },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((d) => [d.environment, d.name])).toEqual([
      ['staging', null],
      ['prod', 'blue'],
    ]);
    const list = await api(token, 'GET', `${base}5.0.0/deploys/`);
    expect(list.body.map((d: { environment: string }) => d.environment)).toEqual(['prod', 'staging']);
    const rel = await api(token, 'GET', `${base}5.0.0/`);
    expect(rel.body).toMatchObject({ deployCount: 2, lastDeploy: { environment: 'prod', name: 'blue' } });
    for (const body of [{}, { environment: '' }, { environment: 'a/b' }, { environment: 'x', dateFinished: 'now' }]) {
      expect((await api(token, 'POST', `${base}5.0.0/deploys/`, body)).status).toBe(400);
    }
    expect((await api(token, 'POST', `${base}nope/deploys/`, { environment: 'prod' })).status).toBe(404);
  });
});

describe('commits and repositories', () => {
  it('sets head commits by ref for known repositories, and commit lists; lists them', async () => {
    const { a, token, base } = await setup();
    await api(token, 'POST', base, { version: '6.0.0', projects: [a.project.slug] });
    const repos = `/api/0/organizations/${a.org.slug}/repos/`;
    const repo = await api(token, 'POST', repos, { name: 'acme/shop', url: 'https://git.example.com/acme/shop' });
    expect(repo.status).toBe(201);
    expect(repo.body).toMatchObject({ name: 'acme/shop', provider: { id: 'manual' } });
    expect((await api(token, 'POST', repos, { name: 'acme/shop' })).status).toBe(409);
    expect((await api(token, 'GET', repos)).body.map((r: { name: string }) => r.name)).toEqual(['acme/shop']);

    const bad = await api(token, 'PUT', `${base}6.0.0/`, { refs: [{ repository: 'acme/unknown', commit: 'abc' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('acme/unknown');

    const sha = 'a'.repeat(40);
    const set = await api(token, 'PUT', `${base}6.0.0/`, {
      refs: [{ repository: 'ACME/shop', commit: sha, previousCommit: 'b'.repeat(40) }],
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ commitCount: 1, lastCommit: { id: sha } });
    const stored = (
      await db().release.findUniqueOrThrow({ where: { orgId_version: { orgId: a.org.id, version: '6.0.0' } } })
    ).commits;
    expect(stored).toEqual([
      {
        id: sha,
        repository: 'acme/shop',
        message: null,
        author_name: null,
        author_email: null,
        timestamp: null,
        previousCommit: 'b'.repeat(40),
      },
    ]);
    const commits = await api(token, 'GET', `${base}6.0.0/commits/`);
    expect(commits.body).toMatchObject([{ id: sha, repository: { name: 'acme/shop' } }]);

    const list = await api(token, 'PUT', `${base}6.0.0/`, {
      commits: [
        {
          id: 'c2',
          repository: 'acme/other',
          message: 'fix checkout',
          author_name: 'Ada',
          author_email: 'ada@example.com',
          timestamp: '2026-05-01T00:00:00+00:00',
        },
        { id: 'c1', repository: 'acme/other', message: 'start', author_name: 'Ada', author_email: 'ada@example.com' },
      ],
    });
    expect(list.body).toMatchObject({ commitCount: 2, authors: [{ name: 'Ada', email: 'ada@example.com' }] });
    // A commit list names repositories that are created on the way, as Sentry does.
    expect(await db().repository.count({ where: { orgId: a.org.id, name: 'acme/other' } })).toBe(1);
    expect((await api(token, 'PUT', `${base}6.0.0/`, { refs: [] })).body.commitCount).toBe(0);

    const id = repo.body.id as string;
    expect((await api(token, 'DELETE', `${repos}${id}/`)).status).toBe(204);
    expect((await api(token, 'DELETE', `${repos}${id}/`)).status).toBe(404);
  });
});
