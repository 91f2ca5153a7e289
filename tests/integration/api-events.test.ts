// The event, tag and hash endpoints of an issue over HTTP, on events from the real @sentry/node SDK and the store
// endpoint.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { projectRoot } from '../../lib/cli/paths.ts';
import { makeProject, makeToken, makeUser } from '../harness/fixtures.ts';
import { allPages, api, nextLink } from './api-support.ts';
import { ago, HOUR, issueOf, MIN, storeEvents, waitFor } from './issues-support.ts';

const hex = () => randomBytes(16).toString('hex');

// A real SDK: an exception with in-app frames, context lines and breadcrumbs; extra with a secret-looking environ.
// Run from a file (not -e) so the SDK can read the source lines around each frame.
const sdkScript = `
const Sentry = await import(process.argv[3]);
Sentry.init({ dsn: process.argv[2], release: 'api@3.1.0', environment: 'production', defaultIntegrations: false,
  integrations: [Sentry.contextLinesIntegration()] });
function parseOrder(raw) { return JSON.parse(raw); }
Sentry.addBreadcrumb({ category: 'cart', message: 'added sku-42', level: 'info' });
Sentry.setExtra('environ', { HOME: '/home/shop', API_TOKEN: 'do-not-' + 'show' });
Sentry.setExtra('orderId', 1042);
Sentry.setTag('customer', 'acme');
Sentry.setUser({ id: 'u-7', email: 'u7@example.com' });
try { parseOrder('{oops'); } catch (e) { Sentry.captureException(e); }
await Sentry.flush(5000);
`;

interface World {
  org: string;
  project: string;
  projectId: number;
  token: string;
  /** Three message events in time order. */
  seq: string[];
  seqIssue: number;
  sdkIssue: number;
  sdkEventId: string;
  plansIssue: number;
  otherIssueEvent: string;
}
let w: World;

beforeAll(async () => {
  const a = await makeProject({ platform: 'node' });
  const owner = await makeUser({ org: a.org.slug, role: 'member' });
  const seq = [hex(), hex(), hex()];
  const plans = hex();
  await storeEvents(a.project, a.key.publicKey, [
    { event_id: seq[0], message: 'payment gateway slow', timestamp: ago(3 * HOUR), tags: { region: 'eu' } },
    { event_id: seq[1], message: 'payment gateway slow', timestamp: ago(2 * HOUR), tags: { region: 'eu' } },
    {
      event_id: seq[2],
      message: 'payment gateway slow',
      timestamp: ago(HOUR),
      tags: { region: 'us' },
      server_name: 'web-1',
    },
    ...['free', 'pro', 'team', 'enterprise', 'pro'].map((plan, i) => ({
      event_id: i === 0 ? plans : hex(),
      message: 'plan check failed',
      tags: { plan },
      timestamp: ago(MIN),
    })),
  ]);
  const before = await db().event.count({ where: { projectId: a.project.id } });
  const dir = mkdtempSync(path.join(tmpdir(), 'faultline-sdk-'));
  writeFileSync(path.join(dir, 'shop.mjs'), sdkScript);
  const sdk = pathToFileURL(createRequire(path.join(projectRoot, 'package.json')).resolve('@sentry/node')).href;
  const r = spawnSync(process.execPath, [path.join(dir, 'shop.mjs'), a.dsn, sdk], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 30_000,
  });
  rmSync(dir, { recursive: true, force: true });
  expect(r.status, r.stderr).toBe(0);
  await waitFor(
    () => db().event.count({ where: { projectId: a.project.id } }),
    (n) => n > before,
  );
  const sdkEvent = await db().event.findFirstOrThrow({
    where: { projectId: a.project.id, title: { startsWith: 'SyntaxError' } },
  });
  const other = await makeProject();
  const otherId = hex();
  await storeEvents(other.project, other.key.publicKey, [{ event_id: otherId, message: 'elsewhere' }]);
  w = {
    org: a.org.slug,
    project: a.project.slug,
    projectId: a.project.id,
    token: await makeToken(owner.user.id),
    seq,
    seqIssue: (await issueOf(a.project.id, seq[0])).id,
    sdkIssue: sdkEvent.issueId,
    sdkEventId: sdkEvent.eventId,
    plansIssue: (await issueOf(a.project.id, plans)).id,
    otherIssueEvent: otherId,
  };
});

const get = (path: string) => api(w.token, 'GET', path);

describe('issue events', () => {
  it('lists events newest first in the short form, and whole with full=true', async () => {
    const r = await get(`/api/0/issues/${w.seqIssue}/events/`);
    expect(r.status).toBe(200);
    expect(r.body.map((e: { eventID: string }) => e.eventID)).toEqual([w.seq[2], w.seq[1], w.seq[0]]);
    expect(r.body[0]).toMatchObject({
      id: w.seq[2],
      groupID: String(w.seqIssue),
      projectID: String(w.projectId),
      title: 'payment gateway slow',
      'event.type': 'default',
    });
    expect(r.body[0]).not.toHaveProperty('entries');
    const full = await get(`/api/0/issues/${w.seqIssue}/events/?full=true`);
    expect(full.body[0].entries).toEqual([
      { type: 'message', data: { formatted: 'payment gateway slow', message: null, params: null } },
    ]);
  });

  it('pages through events by cursor', async () => {
    const first = await get(`/api/0/issues/${w.seqIssue}/events/?per_page=2`);
    expect(first.body).toHaveLength(2);
    expect(nextLink(first.headers)?.results).toBe(true);
    const all = await allPages(w.token, `/api/0/issues/${w.seqIssue}/events/?per_page=2`);
    expect(all.map((e: { eventID: string }) => e.eventID)).toEqual([w.seq[2], w.seq[1], w.seq[0]]);
  });

  it('searches the events by their own tags and the derived ones, both kept in the payload', async () => {
    const ids = async (query: string) => {
      const r = await get(`/api/0/issues/${w.seqIssue}/events/?query=${encodeURIComponent(query)}`);
      expect(r.status, query).toBe(200);
      return r.body.map((e: { eventID: string }) => e.eventID);
    };
    expect(await ids('region:eu')).toEqual([w.seq[1], w.seq[0]]);
    expect(await ids('!region:eu')).toEqual([w.seq[2]]);
    expect(await ids('region:[eu,us]')).toEqual([w.seq[2], w.seq[1], w.seq[0]]);
    expect(await ids('server_name:web-1')).toEqual([w.seq[2]]);
    expect(await ids('!server_name:web-1')).toEqual([w.seq[1], w.seq[0]]);
    expect(await ids('region:asia')).toEqual([]);
    const latest = await get(`/api/0/issues/${w.seqIssue}/events/latest/`);
    expect(latest.body.tags).toEqual([
      { key: 'environment', value: 'production' },
      { key: 'level', value: 'error' },
      { key: 'region', value: 'us' },
      { key: 'server_name', value: 'web-1' },
    ]);
  });

  it('answers latest and oldest with the neighbours inside the issue', async () => {
    const latest = await get(`/api/0/issues/${w.seqIssue}/events/latest/`);
    expect(latest.body).toMatchObject({ eventID: w.seq[2], previousEventID: w.seq[1], nextEventID: null });
    const oldest = await get(`/api/0/issues/${w.seqIssue}/events/oldest/`);
    expect(oldest.body).toMatchObject({ eventID: w.seq[0], previousEventID: null, nextEventID: w.seq[1] });
    const middle = await get(`/api/0/issues/${w.seqIssue}/events/${w.seq[1]}/`);
    expect(middle.body).toMatchObject({ eventID: w.seq[1], previousEventID: w.seq[0], nextEventID: w.seq[2] });
  });

  it('finds an event by its dashed UUID form, and 404s for other issues’ events and junk', async () => {
    const s = w.seq[1];
    const dashed = `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    expect((await get(`/api/0/issues/${w.seqIssue}/events/${dashed}/`)).body.eventID).toBe(s);
    const wrongIssue = await get(`/api/0/issues/${w.plansIssue}/events/${s}/`);
    expect(wrongIssue.status).toBe(404);
    expect(wrongIssue.body.detail).toBeTruthy();
    expect((await get(`/api/0/issues/${w.seqIssue}/events/not-an-id/`)).status).toBe(404);
  });

  it(
    'serializes a real @sentry/node exception with frames, context, breadcrumbs, user and tags, and hides ' +
      'extra.environ',
    async () => {
      const r = await get(`/api/0/issues/${w.sdkIssue}/events/latest/`);
      expect(r.status).toBe(200);
      const e = r.body;
      expect(e).toMatchObject({
        eventID: w.sdkEventId,
        platform: 'node',
        release: { version: 'api@3.1.0' },
        environment: 'production',
        type: 'error',
      });
      expect(e.user).toMatchObject({ id: 'u-7', email: 'u7@example.com' });
      expect(e.tags).toContainEqual({ key: 'customer', value: 'acme' });
      expect(e.sdk.name).toBe('sentry.javascript.node');
      expect(e.extra).toEqual({ environ: '[filtered]', orderId: 1042 });
      expect(JSON.stringify(e)).not.toContain('do-not-show');
      const exc = e.entries.find((x: { type: string }) => x.type === 'exception');
      expect(exc.data.values[0].type).toBe('SyntaxError');
      const frames = exc.data.values[0].stacktrace.frames as Array<{
        function: string;
        inApp: boolean;
        context: [number, string][];
        lineNo: number;
      }>;
      const parse = frames.find((f) => f.function === 'parseOrder');
      expect(parse).toBeDefined();
      expect(parse!.inApp).toBe(true);
      expect(parse!.context.find(([n]) => n === parse!.lineNo)?.[1]).toContain('JSON.parse(raw)');
      const crumbs = e.entries.find((x: { type: string }) => x.type === 'breadcrumbs');
      expect(crumbs.data.values).toContainEqual(expect.objectContaining({ category: 'cart', message: 'added sku-42' }));
      expect(e.contexts.runtime?.name ?? e.contexts.node?.name).toBeTruthy();
    },
  );
});

describe('project event', () => {
  it('answers an event of the project by id and 404s for another project’s event and malformed ids', async () => {
    const r = await get(`/api/0/projects/${w.org}/${w.project}/events/${w.seq[0]}/`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ eventID: w.seq[0], groupID: String(w.seqIssue), nextEventID: w.seq[1] });
    expect((await get(`/api/0/projects/${w.org}/${w.project}/events/${w.otherIssueEvent}/`)).status).toBe(404);
    expect((await get(`/api/0/projects/${w.org}/${w.project}/events/xyz/`)).status).toBe(404);
  });
});

describe('issue tags', () => {
  it('lists each key with its total, unique count and top values', async () => {
    const r = await get(`/api/0/issues/${w.seqIssue}/tags/`);
    expect(r.status).toBe(200);
    const region = r.body.find((t: { key: string }) => t.key === 'region');
    expect(region).toMatchObject({ key: 'region', name: 'Region', totalValues: 3, uniqueValues: 2 });
    expect(region.topValues.map((v: { value: string; count: number }) => [v.value, v.count])).toEqual([
      ['eu', 2],
      ['us', 1],
    ]);
    expect(region.topValues[0]).toMatchObject({ key: 'region', name: 'eu', value: 'eu' });
    expect(new Date(region.topValues[0].lastSeen).getTime()).toBeGreaterThan(
      new Date(region.topValues[0].firstSeen).getTime(),
    );
    expect(r.body.map((t: { key: string }) => t.key)).toContain('level');
  });

  it('answers one key, and 404 for a key the issue never had', async () => {
    const r = await get(`/api/0/issues/${w.plansIssue}/tags/plan/?limit=2`);
    expect(r.body).toMatchObject({ key: 'plan', totalValues: 5, uniqueValues: 4 });
    expect(r.body.topValues).toHaveLength(2);
    expect(r.body.topValues[0]).toMatchObject({ value: 'pro', count: 2 });
    const missing = await get(`/api/0/issues/${w.plansIssue}/tags/nope/`);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/Tag key/);
  });

  it('pages through all values of a key', async () => {
    const all = await allPages(w.token, `/api/0/issues/${w.plansIssue}/tags/plan/values/?per_page=2`);
    expect(all.map((v: { value: string }) => v.value)).toEqual(['pro', 'enterprise', 'free', 'team']);
    expect((await get(`/api/0/issues/${w.plansIssue}/tags/plan/values/?sort=bogus`)).status).toBe(400);
    expect((await get(`/api/0/issues/${w.plansIssue}/tags/nope/values/`)).status).toBe(404);
  });
});

describe('issue hashes', () => {
  it('shows each hash with the components it was made from and its latest event', async () => {
    const r = await get(`/api/0/issues/${w.seqIssue}/hashes/`);
    expect(r.status).toBe(200);
    const issue = await db().issue.findUniqueOrThrow({ where: { id: w.seqIssue } });
    expect(r.body).toHaveLength(1);
    expect(r.body[0]).toMatchObject({
      id: issue.hash,
      components: { variant: 'message', values: ['payment gateway slow'] },
      latestEvent: { eventID: w.seq[2] },
    });
    const sdk = await get(`/api/0/issues/${w.sdkIssue}/hashes/`);
    expect(sdk.body[0].components.variant).toBe('stacktrace');
    expect(sdk.body[0].components.values.join(' ')).toContain('parseOrder');
  });
});
