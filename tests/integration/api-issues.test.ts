// The issue API over HTTP against events stored by the real ingest path and worker: list, search, sort, stats,
// pagination by Link cursors, detail, org-wide lists, other organizations' issues as 404, bulk mutations.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { ensureProject } from '../../lib/projects/setup.ts';
import { makeProject, makeToken, makeUser, uniqueSlug } from '../harness/fixtures.ts';
import { allPages, api, nextLink } from './api-support.ts';
import { ago, DAY, HOUR, issueOf, MIN, storeEvents } from './issues-support.ts';

const hex = () => randomBytes(16).toString('hex');

interface World {
  org: string;
  project: string;
  projectId: number;
  token: string;
  ownerId: number;
  /** Issues by role in the data set. */
  db1: number; // "database timeout": 3 events, 3 users, error, production, shop@1.0, customer:acme
  type2: number; // TypeError: 1 event, warning, staging, customer:globex
  disk3: number; // "disk full": 2 events 2 days ago, fatal, 1 user
  cache4: number; // "cache miss": 5 events, 5 users, info
  other5: number; // second project of the same org
  otherOrgIssue: number;
  otherOrg: string;
  otherProject: string;
  project2Id: number;
}
let w: World;

beforeAll(async () => {
  const a = await makeProject({ platform: 'python' });
  const owner = await makeUser({ org: a.org.slug, role: 'owner' });
  const p2 = await ensureProject(db(), { org: a.org.slug, project: uniqueSlug('second') });
  const b = await makeProject();
  const ids = { db1: hex(), type2: hex(), disk3: hex(), cache4: hex(), other5: hex(), b: hex() };
  await storeEvents(a.project, a.key.publicKey, [
    {
      event_id: ids.db1,
      message: 'database timeout on orders',
      level: 'error',
      timestamp: ago(3 * HOUR),
      release: 'shop@1.0',
      environment: 'production',
      tags: { customer: 'acme' },
      user: { id: 'u1' },
    },
    {
      message: 'database timeout on orders',
      level: 'error',
      timestamp: ago(2 * HOUR),
      release: 'shop@1.0',
      environment: 'production',
      tags: { customer: 'acme' },
      user: { id: 'u2' },
    },
    {
      message: 'database timeout on orders',
      level: 'error',
      timestamp: ago(5 * MIN),
      release: 'shop@1.0',
      environment: 'production',
      tags: { customer: 'acme' },
      user: { id: 'u3' },
    },
    {
      event_id: ids.type2,
      level: 'warning',
      timestamp: ago(30 * MIN),
      environment: 'staging',
      tags: { customer: 'globex' },
      exception: {
        values: [
          {
            type: 'TypeError',
            value: 'x is undefined',
            stacktrace: { frames: [{ filename: 'app.js', function: 'render', lineno: 3, in_app: true }] },
          },
        ],
      },
    },
    { event_id: ids.disk3, message: 'disk full', level: 'fatal', timestamp: ago(2 * DAY), user: { id: 'u1' } },
    { message: 'disk full', level: 'fatal', timestamp: ago(2 * DAY), user: { id: 'u1' } },
    ...[1, 2, 3, 4, 5].map((i) => ({
      event_id: i === 1 ? ids.cache4 : hex(),
      message: 'cache miss',
      level: 'info',
      timestamp: ago(10 * MIN),
      user: { id: `c${i}` },
      tags: { plan: `p${i}` },
    })),
  ]);
  await storeEvents(p2.project, p2.key.publicKey, [
    { event_id: ids.other5, message: 'queue stalled', timestamp: ago(MIN) },
  ]);
  await storeEvents(b.project, b.key.publicKey, [
    { event_id: ids.b, message: 'other org secret', timestamp: ago(MIN) },
  ]);
  w = {
    org: a.org.slug,
    project: a.project.slug,
    projectId: a.project.id,
    token: await makeToken(owner.user.id),
    ownerId: owner.user.id,
    db1: (await issueOf(a.project.id, ids.db1)).id,
    type2: (await issueOf(a.project.id, ids.type2)).id,
    disk3: (await issueOf(a.project.id, ids.disk3)).id,
    cache4: (await issueOf(a.project.id, ids.cache4)).id,
    other5: (await issueOf(p2.project.id, ids.other5)).id,
    otherOrgIssue: (await issueOf(b.project.id, ids.b)).id,
    otherOrg: b.org.slug,
    otherProject: b.project.slug,
    project2Id: p2.project.id,
  };
});

const list = (q: string) => api(w.token, 'GET', `/api/0/projects/${w.org}/${w.project}/issues/?${q}`);
const ids = (body: Array<{ id: string }>) => body.map((i) => Number(i.id));

describe('project issue list', () => {
  it('answers every issue in Sentry’s shape', async () => {
    const r = await list('query=');
    expect(r.status).toBe(200);
    expect(ids(r.body).sort()).toEqual([w.db1, w.type2, w.disk3, w.cache4].sort());
    const issue = r.body.find((i: { id: string }) => Number(i.id) === w.db1);
    const project = await db().project.findUniqueOrThrow({ where: { id: w.projectId } });
    const stored = await db().issue.findUniqueOrThrow({ where: { id: w.db1 } });
    expect(issue).toMatchObject({
      id: String(w.db1),
      shortId: `${w.project.toUpperCase()}-${stored.shortNumber.toString(36).toUpperCase()}`,
      title: 'database timeout on orders',
      level: 'error',
      status: 'unresolved',
      substatus: 'new',
      statusDetails: {},
      count: '3',
      userCount: 3,
      type: 'default',
      metadata: { title: 'database timeout on orders' },
      project: { id: String(w.projectId), slug: w.project, name: project.name, platform: 'python' },
      permalink: `${process.env.FAULTLINE_TEST_URL}/organizations/${w.org}/issues/${w.db1}/`,
      assignedTo: null,
      numComments: 0,
      isBookmarked: false,
      hasSeen: false,
      isPublic: false,
      shareId: null,
      annotations: [],
      isUnhandled: false,
      firstRelease: { version: 'shop@1.0' },
      lastRelease: { version: 'shop@1.0' },
      isRegression: false,
    });
    expect(new Date(issue.firstSeen).getTime()).toBe(stored.firstSeen.getTime());
    expect(new Date(issue.lastSeen).getTime()).toBe(stored.lastSeen.getTime());
    // Default stats: 24 hourly buckets ending with the current hour, holding all 3 recent events.
    expect(issue.stats['24h']).toHaveLength(24);
    expect(issue.stats['24h'].reduce((s: number, [, c]: [number, number]) => s + c, 0)).toBe(3);
    const [lastTs] = issue.stats['24h'][23];
    expect(lastTs).toBe(Math.floor(Date.now() / HOUR) * 3600);
    const err = r.body.find((i: { id: string }) => Number(i.id) === w.type2);
    expect(err).toMatchObject({
      type: 'error',
      metadata: { type: 'TypeError', value: 'x is undefined' },
      title: 'TypeError: x is undefined',
    });
  });

  it('defaults to is:unresolved like Sentry when no query is given', async () => {
    await db().issue.update({ where: { id: w.disk3 }, data: { status: 'resolved' } });
    try {
      expect(ids((await list('')).body)).not.toContain(w.disk3);
      expect(ids((await list('query=')).body)).toContain(w.disk3);
    } finally {
      await db().issue.update({ where: { id: w.disk3 }, data: { status: 'unresolved' } });
    }
  });

  it.each([
    ['date', () => [w.db1, w.cache4, w.type2, w.disk3]],
    ['new', () => [w.cache4, w.type2, w.db1, w.disk3]],
    ['freq', () => [w.cache4, w.db1, w.disk3, w.type2]],
    ['user', () => [w.cache4, w.db1, w.disk3, w.type2]],
  ])('sorts by %s', async (sort, want) => {
    expect(ids((await list(`query=&sort=${sort}`)).body)).toEqual(want());
  });

  it.each([
    ['level:fatal', () => [w.disk3]],
    ['level:[warning,fatal]', () => [w.type2, w.disk3]],
    ['!level:info', () => [w.db1, w.type2, w.disk3]],
    ['environment:staging', () => [w.type2]],
    ['release:shop@1.0', () => [w.db1]],
    ['release:shop@*', () => [w.db1]],
    ['customer:acme', () => [w.db1]],
    ['!customer:acme', () => [w.cache4, w.type2, w.disk3]],
    ['has:customer', () => [w.db1, w.type2]],
    ['database timeout', () => [w.db1]],
    ['"on orders"', () => [w.db1]],
    ['render', () => [w.type2]],
    ['firstSeen:-24h', () => [w.db1, w.cache4, w.type2]],
    ['lastSeen:+1d', () => [w.disk3]],
    ['times_seen:>2', () => [w.db1, w.cache4]],
    ['timesSeen:2', () => [w.disk3]],
    ['user.id:u1', () => [w.db1, w.disk3]],
    ['is:unresolved is:unassigned level:error', () => [w.db1]],
    ['is:assigned', () => []],
    ['is:new', () => [w.db1, w.cache4, w.type2, w.disk3]],
    ['is:resolved', () => []],
  ])('searches %s', async (query, want) => {
    const r = await list(`query=${encodeURIComponent(query)}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(ids(r.body)).toEqual(want());
  });

  it('finds an issue by its short id', async () => {
    const one = (await list('query=')).body.find((i: { id: string }) => Number(i.id) === w.type2);
    expect(ids((await list(`query=${one.shortId}`)).body)).toEqual([w.type2]);
  });

  it('gives 14 daily buckets with statsPeriod=14d and none with an empty statsPeriod', async () => {
    const r = await list('query=level:fatal&statsPeriod=14d');
    const series = r.body[0].stats['14d'];
    expect(series).toHaveLength(14);
    expect(series.reduce((s: number, [, c]: [number, number]) => s + c, 0)).toBe(2);
    expect(series[13][0]).toBe(Math.floor(Date.now() / DAY) * 86400);
    expect((await list('query=&statsPeriod=')).body[0]).not.toHaveProperty('stats');
  });

  it('walks all pages through the Link cursors', async () => {
    const first = await list('query=&per_page=1');
    expect(first.body).toHaveLength(1);
    expect(first.headers.get('link')).toContain('rel="previous"; results="false"');
    const all = await allPages(w.token, `/api/0/projects/${w.org}/${w.project}/issues/?query=&per_page=1`);
    expect(ids(all)).toEqual([w.db1, w.cache4, w.type2, w.disk3]);
    const last = await list('query=&per_page=1&cursor=0:3:0');
    expect(nextLink(last.headers)?.results).toBe(false);
  });

  it.each([
    ['query=is:sleepy', /Error parsing search query: invalid value "sleepy" for "is"/],
    ['query=firstSeen:yesterday', /firstSeen/],
    ['query=url:"open', /unterminated/],
    ['cursor=bogus', /cursor/],
    ['sort=priority', /sort/],
    ['statsPeriod=7d', /statsPeriod/],
  ])('answers 400 with a detail for %s', async (q, detail) => {
    const r = await list(q);
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(detail);
  });

  it('answers 404 for another organization’s project, also smuggled under our org', async () => {
    expect((await api(w.token, 'GET', `/api/0/projects/${w.otherOrg}/${w.otherProject}/issues/`)).status).toBe(404);
    expect((await api(w.token, 'GET', `/api/0/projects/${w.org}/${w.otherProject}/issues/`)).status).toBe(404);
    expect((await api(null, 'GET', `/api/0/projects/${w.org}/${w.project}/issues/`)).status).toBe(401);
  });
});

describe('organization issue list', () => {
  const orgList = (q: string) => api(w.token, 'GET', `/api/0/organizations/${w.org}/issues/?${q}`);

  it('spans the projects the principal sees and narrows by project=', async () => {
    expect(ids((await orgList('query=')).body).sort()).toEqual([w.db1, w.type2, w.disk3, w.cache4, w.other5].sort());
    expect(ids((await orgList(`query=&project=${w.project2Id}`)).body)).toEqual([w.other5]);
    expect(ids((await orgList(`query=&project=${w.project2Id}&project=${w.projectId}&sort=freq`)).body)).toEqual([
      w.cache4,
      w.db1,
      w.disk3,
      w.other5,
      w.type2,
    ]);
    expect(ids((await orgList('query=&project=-1')).body)).toHaveLength(5);
  });

  it('never shows another organization’s issues, even when its project id is asked for', async () => {
    const other = await db().issue.findUniqueOrThrow({ where: { id: w.otherOrgIssue } });
    expect((await orgList(`query=&project=${other.projectId}`)).body).toEqual([]);
    expect((await api(w.token, 'GET', `/api/0/organizations/${w.otherOrg}/issues/`)).status).toBe(404);
  });

  it('answers 400 for a malformed project id', async () => {
    const r = await orgList('project=abc');
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/project/);
  });
});

describe('issue detail', () => {
  it('adds 24h and 30d stats, tag keys, releases and participants', async () => {
    const r = await api(w.token, 'GET', `/api/0/issues/${w.db1}/`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: String(w.db1),
      count: '3',
      userCount: 3,
      firstRelease: { version: 'shop@1.0' },
      participants: [],
    });
    expect(r.body.stats['24h']).toHaveLength(24);
    expect(r.body.stats['30d']).toHaveLength(30);
    expect(r.body.stats['30d'].reduce((s: number, [, c]: [number, number]) => s + c, 0)).toBe(3);
    const keys = Object.fromEntries(
      r.body.tags.map((t: { key: string; totalValues: number; uniqueValues: number }) => [t.key, t]),
    );
    expect(keys.customer).toEqual({ key: 'customer', name: 'Customer', totalValues: 3, uniqueValues: 1 });
    expect(keys.user).toMatchObject({ totalValues: 3, uniqueValues: 3 });
    expect(keys.release).toMatchObject({ totalValues: 3 });
  });

  it('is the same under the organization, and 404 under another organization or for other orgs’ ids', async () => {
    const r = await api(w.token, 'GET', `/api/0/organizations/${w.org}/issues/${w.db1}/`);
    expect(r.status).toBe(200);
    expect(r.body.id).toBe(String(w.db1));
    expect((await api(w.token, 'GET', `/api/0/organizations/${w.otherOrg}/issues/${w.db1}/`)).status).toBe(404);
    expect((await api(w.token, 'GET', `/api/0/issues/${w.otherOrgIssue}/`)).status).toBe(404);
    expect((await api(w.token, 'GET', `/api/0/issues/abc/`)).status).toBe(404);
  });
});

describe('bulk and single mutations', () => {
  interface M {
    org: string;
    orgId: number;
    project: string;
    projectId: number;
    key: string;
    other: { project: string; projectId: number; key: string };
    ownerToken: string;
    memberToken: string;
    member: { id: number; email: string };
    outsider: { id: number };
    teamId: number;
    issue: Record<string, number>;
  }
  let m: M;
  const messages = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];

  beforeAll(async () => {
    const a = await makeProject();
    const other = await ensureProject(db(), { org: a.org.slug, project: uniqueSlug('other') });
    const owner = await makeUser({ org: a.org.slug, role: 'owner' });
    const member = await makeUser({ org: a.org.slug, role: 'member' });
    const outsider = await makeUser();
    const first: Record<string, string> = {};
    await storeEvents(a.project, a.key.publicKey, [
      ...messages.map((msg, i) => {
        first[msg] = hex();
        return {
          event_id: first[msg],
          message: `${msg} failed`,
          level: i === 3 ? 'fatal' : 'error',
          release: 'app@1',
          timestamp: ago(HOUR),
        };
      }),
      // Merge material: foxtrot 3 events (users a, b), golf 2 (user b, 26 hours ago), hotel 1 (no user).
      { message: 'foxtrot failed', timestamp: ago(2 * HOUR), user: { id: 'a' }, tags: { k: 'v1' }, release: 'app@1' },
      { message: 'foxtrot failed', timestamp: ago(3 * HOUR), user: { id: 'b' }, tags: { k: 'v1' }, release: 'app@1' },
      { message: 'golf failed', timestamp: ago(26 * HOUR), user: { id: 'b' }, tags: { k: 'v2' }, release: 'app@0' },
    ]);
    const otherFirst = hex();
    await storeEvents(other.project, other.key.publicKey, [{ event_id: otherFirst, message: 'india failed' }]);
    const issue: Record<string, number> = {};
    for (const msg of messages) issue[msg] = (await issueOf(a.project.id, first[msg])).id;
    issue.india = (await issueOf(other.project.id, otherFirst)).id;
    m = {
      org: a.org.slug,
      orgId: a.org.id,
      project: a.project.slug,
      projectId: a.project.id,
      key: a.key.publicKey,
      other: { project: other.project.slug, projectId: other.project.id, key: other.key.publicKey },
      ownerToken: await makeToken(owner.user.id),
      memberToken: await makeToken(member.user.id),
      member: { id: member.user.id, email: member.email },
      outsider: { id: outsider.user.id },
      teamId: a.team.id,
      issue,
    };
  });

  const bulk = (method: string, q: string, body?: unknown, token = m.ownerToken) =>
    api(token, method, `/api/0/projects/${m.org}/${m.project}/issues/?${q}`, body);
  const row = (id: number) => db().issue.findUniqueOrThrow({ where: { id } });

  it('resolves issues by id and answers the applied change', async () => {
    const r = await bulk('PUT', `id=${m.issue.alpha}&id=${m.issue.bravo}`, { status: 'resolved' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'resolved', statusDetails: {} });
    for (const id of [m.issue.alpha, m.issue.bravo]) {
      const i = await row(id);
      expect([i.status, i.statusDetails, i.resolvedInRelease]).toEqual(['resolved', {}, null]);
      expect(i.resolvedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    }
    expect((await row(m.issue.charlie)).status).toBe('unresolved');
    const listed = await bulk('GET', `query=is:resolved`);
    expect(ids(listed.body).sort()).toEqual([m.issue.alpha, m.issue.bravo].sort());
    expect(listed.body[0]).toMatchObject({ status: 'resolved', substatus: null });
  });

  it('resolves in the next release, keeping the current release for the worker', async () => {
    const r = await bulk('PUT', `id=${m.issue.charlie}`, { status: 'resolvedInNextRelease' });
    expect(r.body).toMatchObject({ status: 'resolved', statusDetails: { inNextRelease: true } });
    const i = await row(m.issue.charlie);
    expect(i.status).toBe('resolved');
    expect(i.statusDetails).toEqual({ inNextRelease: true, currentRelease: 'app@1' });
    expect((await api(m.ownerToken, 'GET', `/api/0/issues/${m.issue.charlie}/`)).body.statusDetails).toEqual({
      inNextRelease: true,
    });
  });

  it('resolves in a release that exists, and refuses one that does not', async () => {
    await db().release.create({ data: { orgId: m.orgId, version: 'app@2' } });
    const r = await bulk('PUT', `id=${m.issue.charlie}`, { status: 'resolved', statusDetails: { inRelease: 'app@2' } });
    expect(r.body).toMatchObject({ status: 'resolved', statusDetails: { inRelease: 'app@2' } });
    const i = await row(m.issue.charlie);
    expect([i.resolvedInRelease, i.statusDetails]).toEqual(['app@2', { inRelease: 'app@2' }]);
    const bad = await bulk('PUT', `id=${m.issue.charlie}`, {
      status: 'resolved',
      statusDetails: { inRelease: 'nope@9' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/inRelease/);
  });

  it('ignores for a duration, until a time, for a count, and forever', async () => {
    const d = await bulk('PUT', `id=${m.issue.delta}`, { status: 'ignored', statusDetails: { ignoreDuration: 30 } });
    expect(d.body.status).toBe('ignored');
    let i = await row(m.issue.delta);
    expect(i.statusDetails).toEqual({ ignoreDuration: 30 });
    expect(Math.abs(i.ignoredUntil!.getTime() - (Date.now() + 30 * MIN))).toBeLessThan(60_000);
    expect(new Date(d.body.statusDetails.ignoreUntil).getTime()).toBe(i.ignoredUntil!.getTime());

    const until = new Date(Date.now() + DAY).toISOString();
    await bulk('PUT', `id=${m.issue.delta}`, { status: 'ignored', statusDetails: { ignoreUntil: until } });
    i = await row(m.issue.delta);
    expect(i.ignoredUntil!.toISOString()).toBe(until);

    const c = await bulk('PUT', `id=${m.issue.delta}`, { status: 'ignored', statusDetails: { ignoreCount: 5 } });
    expect(c.body.statusDetails).toEqual({ ignoreCount: 5 });
    i = await row(m.issue.delta);
    expect([i.ignoredUntil, i.ignoreUntilCount, i.statusDetails]).toEqual([
      null,
      i.eventCount + 5n,
      { ignoreCount: 5 },
    ]);

    await bulk('PUT', `id=${m.issue.delta}`, { status: 'ignored' });
    i = await row(m.issue.delta);
    expect([i.status, i.ignoredUntil, i.ignoreUntilCount, i.statusDetails]).toEqual(['ignored', null, null, {}]);
    const shown = (await api(m.ownerToken, 'GET', `/api/0/issues/${m.issue.delta}/`)).body;
    expect([shown.status, shown.substatus, shown.statusDetails]).toEqual(['ignored', 'archived_forever', {}]);
  });

  it('unresolves, clearing every status detail', async () => {
    const r = await bulk('PUT', `id=${m.issue.delta}&id=${m.issue.charlie}`, { status: 'unresolved' });
    expect(r.body).toMatchObject({ status: 'unresolved', statusDetails: {} });
    for (const id of [m.issue.delta, m.issue.charlie]) {
      const i = await row(id);
      expect([
        i.status,
        i.substatus,
        i.statusDetails,
        i.resolvedAt,
        i.resolvedInRelease,
        i.ignoredUntil,
        i.ignoreUntilCount,
      ]).toEqual(['unresolved', 'ongoing', {}, null, null, null, null]);
    }
  });

  it('selects by query and by sentry-cli’s status= filter; nothing matched is 204', async () => {
    const r = await bulk('PUT', 'query=level:fatal', { status: 'ignored' });
    expect(r.status).toBe(200);
    expect((await row(m.issue.delta)).status).toBe('ignored');
    expect((await row(m.issue.echo)).status).toBe('unresolved');
    // alpha and bravo are resolved: status=resolved reopens exactly those.
    await bulk('PUT', 'status=resolved', { status: 'unresolved' });
    expect((await row(m.issue.alpha)).status).toBe('unresolved');
    expect((await row(m.issue.delta)).status).toBe('ignored');
    await bulk('PUT', 'status=muted', { status: 'unresolved' });
    expect((await row(m.issue.delta)).status).toBe('unresolved');
    const none = await bulk('PUT', 'query=zzz-no-such-issue', { status: 'resolved' });
    expect(none.status).toBe(204);
  });

  it('assigns to a member by id, email and username, to a team, and clears', async () => {
    const r = await bulk('PUT', `id=${m.issue.echo}`, { assignedTo: `user:${m.member.id}` });
    expect(r.body.assignedTo).toMatchObject({ type: 'user', id: String(m.member.id), email: m.member.email });
    expect((await row(m.issue.echo)).assignedUserId).toBe(m.member.id);
    const mine = await api(m.memberToken, 'GET', `/api/0/projects/${m.org}/${m.project}/issues/?query=assigned:me`);
    expect(ids(mine.body)).toEqual([m.issue.echo]);
    expect(ids((await bulk('GET', `query=${encodeURIComponent(`assigned:${m.member.email}`)}`)).body)).toEqual([
      m.issue.echo,
    ]);

    await db().user.update({ where: { id: m.member.id }, data: { username: `u${m.member.id}` } });
    await bulk('PUT', `id=${m.issue.alpha}`, { assignedTo: `u${m.member.id}` });
    await bulk('PUT', `id=${m.issue.bravo}`, { assignedTo: m.member.email.toUpperCase() });
    expect((await row(m.issue.alpha)).assignedUserId).toBe(m.member.id);
    expect((await row(m.issue.bravo)).assignedUserId).toBe(m.member.id);

    const t = await bulk('PUT', `id=${m.issue.alpha}`, { assignedTo: `team:${m.teamId}` });
    const team = await db().team.findUniqueOrThrow({ where: { id: m.teamId } });
    expect(t.body.assignedTo).toEqual({ type: 'team', id: String(m.teamId), name: team.slug });
    expect(await row(m.issue.alpha)).toMatchObject({ assignedTeamId: m.teamId, assignedUserId: null });
    expect(ids((await bulk('GET', `query=${encodeURIComponent(`assigned:#${team.slug}`)}`)).body)).toEqual([
      m.issue.alpha,
    ]);
    expect(
      (await bulk('GET', `query=&sort=date`)).body.find((i: { id: string }) => Number(i.id) === m.issue.alpha)
        .assignedTo,
    ).toEqual(t.body.assignedTo);

    const cleared = await bulk('PUT', `id=${m.issue.alpha}&id=${m.issue.bravo}`, { assignedTo: '' });
    expect(cleared.body.assignedTo).toBeNull();
    expect(await row(m.issue.alpha)).toMatchObject({ assignedTeamId: null, assignedUserId: null });
    expect(ids((await bulk('GET', 'query=is:assigned')).body)).toEqual([m.issue.echo]);
  });

  it('refuses to assign to someone outside the organization or an unknown team', async () => {
    for (const assignedTo of [`user:${m.outsider.id}`, 'nobody@example.com', 'team:999999']) {
      const r = await bulk('PUT', `id=${m.issue.echo}`, { assignedTo });
      expect([assignedTo, r.status]).toEqual([assignedTo, 400]);
      expect(r.body.detail).toMatch(/assignedTo/);
    }
    expect((await row(m.issue.echo)).assignedUserId).toBe(m.member.id);
  });

  it('merges into the issue with the most events, moving events, hashes, users, tags and hourly counts', async () => {
    const [fox, golf, hotel] = [m.issue.foxtrot, m.issue.golf, m.issue.hotel];
    const before = await db().issue.findMany({ where: { id: { in: [fox, golf, hotel] } } });
    expect(before.map((i) => Number(i.eventCount)).sort()).toEqual([1, 2, 3]);
    const r = await bulk('PUT', `id=${fox}&id=${golf}&id=${hotel}`, { merge: 1 });
    expect(r.status).toBe(200);
    expect(r.body.merge).toEqual({ parent: String(fox), children: [golf, hotel].sort((x, y) => x - y).map(String) });
    expect(await db().issue.count({ where: { id: { in: [golf, hotel] } } })).toBe(0);
    const parent = await row(fox);
    expect(parent.eventCount).toBe(6n);
    expect(parent.userCount).toBe(2);
    // The first release of the issue seen first (golf), whatever the worker recorded as that.
    expect(parent.firstRelease).toBe(before.find((i) => i.id === golf)!.firstRelease);
    expect(parent.firstSeen.getTime()).toBe(Math.min(...before.map((i) => i.firstSeen.getTime())));
    expect(await db().event.count({ where: { issueId: fox } })).toBe(6);
    expect(await db().issueHash.count({ where: { issueId: fox } })).toBe(3);
    const k = await db().issueTagValue.findMany({ where: { issueId: fox, key: 'k' }, orderBy: { value: 'asc' } });
    expect(k.map((t) => [t.value, Number(t.count)])).toEqual([
      ['v1', 2],
      ['v2', 1],
    ]);
    const hourly = await db().issueHourlyCount.aggregate({ where: { issueId: fox }, _sum: { count: true } });
    expect(hourly._sum.count).toBe(6);
    const hashes = await api(m.ownerToken, 'GET', `/api/0/issues/${fox}/hashes/`);
    expect(hashes.body.map((h: { components: { values: string[] } }) => h.components.values.join(' ')).sort()).toEqual([
      'foxtrot failed',
      'golf failed',
      'hotel failed',
    ]);
    // A new event of a merged-away issue now lands in the parent.
    await storeEvents({ id: m.projectId }, m.key, [{ message: 'golf failed' }]);
    expect((await row(fox)).eventCount).toBe(7n);
  });

  it('refuses to merge across projects (org-wide) and lets a member update but not delete', async () => {
    const r = await api(
      m.ownerToken,
      'PUT',
      `/api/0/organizations/${m.org}/issues/?id=${m.issue.echo}&id=${m.issue.india}`,
      { merge: 1 },
    );
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/multiple projects/);
    const next = await api(
      m.ownerToken,
      'PUT',
      `/api/0/organizations/${m.org}/issues/?id=${m.issue.echo}&id=${m.issue.india}`,
      { status: 'resolvedInNextRelease' },
    );
    expect(next.status).toBe(400);
    const both = await api(
      m.ownerToken,
      'PUT',
      `/api/0/organizations/${m.org}/issues/?id=${m.issue.echo}&id=${m.issue.india}`,
      { status: 'resolved' },
    );
    expect(both.status).toBe(200);
    expect((await row(m.issue.india)).status).toBe('resolved');
    expect((await bulk('PUT', `id=${m.issue.echo}`, { status: 'unresolved' }, m.memberToken)).status).toBe(200);
    expect((await bulk('DELETE', `id=${m.issue.echo}`, undefined, m.memberToken)).status).toBe(403);
    expect((await api(m.memberToken, 'DELETE', `/api/0/issues/${m.issue.echo}/`)).status).toBe(403);
  });

  it('ignores ids of other organizations and rejects bad bodies with a detail', async () => {
    expect((await bulk('PUT', `id=${w.db1}`, { status: 'resolved' })).status).toBe(204);
    expect((await row(w.db1)).status).toBe('unresolved');
    for (const body of [
      { status: 'sleeping' },
      { status: 'ignored', statusDetails: { ignoreUserCount: 3 } },
      { status: 'ignored', statusDetails: { ignoreCount: 2, ignoreDuration: 5 } },
      { assignedTo: 7 },
      { discard: true },
    ]) {
      const r = await bulk('PUT', `id=${m.issue.echo}`, body);
      expect([JSON.stringify(body), r.status]).toEqual([JSON.stringify(body), 400]);
      expect(typeof r.body.detail).toBe('string');
    }
    expect((await bulk('PUT', `id=${m.issue.echo}`, '{not json')).status).toBe(400);
    expect((await bulk('PUT', 'id=abc', { status: 'resolved' })).status).toBe(400);
  });

  it('updates one issue through /issues/{id}/ and answers its new state', async () => {
    const r = await api(m.ownerToken, 'PUT', `/api/0/issues/${m.issue.echo}/`, {
      status: 'ignored',
      statusDetails: { ignoreDuration: 60 },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: String(m.issue.echo),
      status: 'ignored',
      substatus: 'archived_until_condition_met',
    });
    expect(r.body.statusDetails.ignoreUntil).toBeTruthy();
    const o = await api(m.ownerToken, 'PUT', `/api/0/organizations/${m.org}/issues/${m.issue.echo}/`, {
      status: 'unresolved',
    });
    expect(o.body.status).toBe('unresolved');
  });

  it('deletes in bulk and one by one, with the events', async () => {
    const r = await bulk('DELETE', `id=${m.issue.alpha}&id=${m.issue.bravo}`);
    expect(r.status).toBe(204);
    expect(await db().issue.count({ where: { id: { in: [m.issue.alpha, m.issue.bravo] } } })).toBe(0);
    expect(await db().event.count({ where: { issueId: { in: [m.issue.alpha, m.issue.bravo] } } })).toBe(0);
    const one = await api(m.ownerToken, 'DELETE', `/api/0/issues/${m.issue.charlie}/`);
    expect(one.status).toBe(202);
    expect(await db().issue.count({ where: { id: m.issue.charlie } })).toBe(0);
    expect((await api(m.ownerToken, 'GET', `/api/0/issues/${m.issue.charlie}/`)).status).toBe(404);
    const byQuery = await bulk('DELETE', 'query=level:fatal');
    expect(byQuery.status).toBe(204);
    expect(await db().issue.count({ where: { id: m.issue.delta } })).toBe(0);
    expect(await db().issue.count({ where: { id: m.issue.echo } })).toBe(1);
  });
});
