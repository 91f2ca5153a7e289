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
    { event_id: ids.db1, message: 'database timeout on orders', level: 'error', timestamp: ago(3 * HOUR), release: 'shop@1.0', environment: 'production', tags: { customer: 'acme' }, user: { id: 'u1' } },
    { message: 'database timeout on orders', level: 'error', timestamp: ago(2 * HOUR), release: 'shop@1.0', environment: 'production', tags: { customer: 'acme' }, user: { id: 'u2' } },
    { message: 'database timeout on orders', level: 'error', timestamp: ago(5 * MIN), release: 'shop@1.0', environment: 'production', tags: { customer: 'acme' }, user: { id: 'u3' } },
    {
      event_id: ids.type2,
      level: 'warning',
      timestamp: ago(30 * MIN),
      environment: 'staging',
      tags: { customer: 'globex' },
      exception: { values: [{ type: 'TypeError', value: 'x is undefined', stacktrace: { frames: [{ filename: 'app.js', function: 'render', lineno: 3, in_app: true }] } }] },
    },
    { event_id: ids.disk3, message: 'disk full', level: 'fatal', timestamp: ago(2 * DAY), user: { id: 'u1' } },
    { message: 'disk full', level: 'fatal', timestamp: ago(2 * DAY), user: { id: 'u1' } },
    ...[1, 2, 3, 4, 5].map((i) => ({ event_id: i === 1 ? ids.cache4 : hex(), message: 'cache miss', level: 'info', timestamp: ago(10 * MIN), user: { id: `c${i}` }, tags: { plan: `p${i}` } })),
  ]);
  await storeEvents(p2.project, p2.key.publicKey, [{ event_id: ids.other5, message: 'queue stalled', timestamp: ago(MIN) }]);
  await storeEvents(b.project, b.key.publicKey, [{ event_id: ids.b, message: 'other org secret', timestamp: ago(MIN) }]);
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
    expect(err).toMatchObject({ type: 'error', metadata: { type: 'TypeError', value: 'x is undefined' }, title: 'TypeError: x is undefined' });
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
    expect(ids((await orgList(`query=&project=${w.project2Id}&project=${w.projectId}&sort=freq`)).body)).toEqual([w.cache4, w.db1, w.disk3, w.other5, w.type2]);
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
    expect(r.body).toMatchObject({ id: String(w.db1), count: '3', userCount: 3, firstRelease: { version: 'shop@1.0' }, participants: [] });
    expect(r.body.stats['24h']).toHaveLength(24);
    expect(r.body.stats['30d']).toHaveLength(30);
    expect(r.body.stats['30d'].reduce((s: number, [, c]: [number, number]) => s + c, 0)).toBe(3);
    const keys = Object.fromEntries(r.body.tags.map((t: { key: string; totalValues: number; uniqueValues: number }) => [t.key, t]));
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
