// Issue search that never lies and the issue's activity, over HTTP against events stored by the real ingest path
// and worker: every user identity finds its issue, typos and unknown keys are 400s naming the token, bare and
// latest releases resolve, completion endpoints answer, comments mention members (a real SMTP receiver gets the
// email), status changes and regressions land in the activity feed with who did them.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { assigneeChannelId } from '../../lib/alerts/assignee.ts';
import { makeProject, makeToken, makeUser } from '../harness/fixtures.ts';
import { api } from './api-support.ts';
import { ago, HOUR, issueOf, MIN, storeEvents, waitFor } from './issues-support.ts';
import { smtpReceiver } from './alerts-receivers.ts';

const hex = () => randomBytes(16).toString('hex');
let w: {
  org: string;
  orgId: number;
  project: string;
  projectId: number;
  key: string;
  token: string;
  checkout: number;
  search: number;
  other: number;
  mate: { id: number; email: string };
  ownerId: number;
};
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;

beforeAll(async () => {
  smtp = await smtpReceiver();
  const a = await makeProject({ platform: 'node' });
  const owner = await makeUser({ org: a.org.slug, role: 'owner' });
  const mate = await makeUser({ org: a.org.slug, role: 'member' });
  const ids = { checkout: hex(), search: hex(), other: hex() };
  // An SDK that sends an id and an email: the `user` tag holds only `id:…`.
  await storeEvents(a.project, a.key.publicKey, [
    {
      event_id: ids.checkout,
      message: 'checkout broken',
      level: 'error',
      timestamp: ago(HOUR),
      release: 'checkout-api@1.5.0',
      environment: 'production',
      user: { id: '42', email: 'customer0_5@example.com', username: 'cust05' },
    },
    {
      message: 'checkout broken',
      level: 'error',
      timestamp: ago(30 * MIN),
      release: 'checkout-api@1.5.0',
      environment: 'production',
      user: { id: '43', ip_address: '10.1.2.3' },
    },
    {
      event_id: ids.search,
      message: 'search slow',
      level: 'warning',
      timestamp: ago(20 * MIN),
      release: 'checkout-api@1.6.0',
      environment: 'staging',
      tags: { region: 'eu-west' },
    },
    {
      event_id: ids.other,
      message: 'other app down',
      level: 'fatal',
      timestamp: ago(10 * MIN),
      release: 'billing@1.5.0',
    },
  ]);
  // Finalized last (as `sentry-cli releases finalize` does), so it is the projects' latest release.
  await db().release.updateMany({
    where: { orgId: a.org.id, version: 'billing@1.5.0' },
    data: { dateReleased: new Date() },
  });
  const channelId = await assigneeChannelId(db(), a.org.id);
  await db().alertChannel.update({
    where: { id: channelId },
    data: { config: { recipients: [], assigneesOnly: true, smtpHost: '127.0.0.1', smtpPort: smtp.port } },
  });
  w = {
    org: a.org.slug,
    orgId: a.org.id,
    project: a.project.slug,
    projectId: a.project.id,
    key: a.key.publicKey,
    token: await makeToken(owner.user.id),
    checkout: (await issueOf(a.project.id, ids.checkout)).id,
    search: (await issueOf(a.project.id, ids.search)).id,
    other: (await issueOf(a.project.id, ids.other)).id,
    mate: { id: mate.user.id, email: mate.user.email },
    ownerId: owner.user.id,
  };
}, 60_000);

afterAll(async () => smtp?.close());

const list = (q: string) => api(w.token, 'GET', `/api/0/organizations/${w.org}/issues/?query=${encodeURIComponent(q)}`);
const ids = (body: Array<{ id: string }>) => body.map((i) => Number(i.id)).sort((x, y) => x - y);

describe('search never lies', () => {
  it.each([
    ['user.email:customer0_5@example.com', () => [w.checkout]],
    ['user.username:cust05', () => [w.checkout]],
    ['user.id:43', () => [w.checkout]],
    ['user.ip:10.1.2.3', () => [w.checkout]],
    ['user.email:*@example.com', () => [w.checkout]],
    ['release:checkout-api@1.5.0', () => [w.checkout]],
    ['release:1.6.0', () => [w.search]],
    ['release:latest', () => [w.other]],
    ['first-release:1.6.0', () => [w.search]],
    ['firstRelease:checkout-api@1.5.0', () => [w.checkout]],
    ['region:eu-west', () => [w.search]],
    ['is:for_review level:[error,warning]', () => [w.checkout, w.search]],
    ['is:new', () => [w.checkout, w.search, w.other]],
    ['message:"checkout broken"', () => [w.checkout]],
  ])('%s', async (q, want) => {
    const r = await list(q);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // Issue ids follow the order the workers stored the events in: compare as sets.
    expect(ids(r.body)).toEqual([...want()].sort((x, y) => x - y));
  });

  it.each([
    ['level:eror', 'invalid value "eror" for "level"'],
    ['colour:red', 'unknown key "colour"'],
    ['release:1.5.0', 'release: "1.5.0" is ambiguous (billing@1.5.0, checkout-api@1.5.0)'],
    ['firstSeen:yesterday', 'firstSeen: "yesterday" is not a date'],
    ['times_seen:>many', 'times_seen: "many" is not a whole number'],
    ['is:sleepy', 'invalid value "sleepy" for "is"'],
  ])('%s is a 400 naming the token', async (q, detail) => {
    const r = await list(q);
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain(detail);
  });

  it('completes keys and values from the organization tag endpoints', async () => {
    const keys = await api(w.token, 'GET', `/api/0/organizations/${w.org}/tags/?project=${w.projectId}`);
    expect(keys.status).toBe(200);
    expect(keys.body.map((k: { key: string }) => k.key)).toEqual(
      expect.arrayContaining(['release', 'environment', 'region', 'user.email']),
    );
    const releases = await api(w.token, 'GET', `/api/0/organizations/${w.org}/tags/release/values/?query=1.5`);
    expect(releases.body.map((v: { value: string }) => v.value).sort()).toEqual([
      'billing@1.5.0',
      'checkout-api@1.5.0',
    ]);
    const emails = await api(w.token, 'GET', `/api/0/organizations/${w.org}/tags/user.email/values/?query=customer0`);
    expect(emails.body).toEqual([
      expect.objectContaining({ key: 'user.email', value: 'customer0_5@example.com', count: 1 }),
    ]);
    const levels = await api(w.token, 'GET', `/api/0/organizations/${w.org}/tags/level/values/`);
    expect(levels.body.map((v: { value: string }) => v.value)).toEqual(
      expect.arrayContaining(['fatal', 'error', 'warning', 'info', 'debug']),
    );
    const other = await makeProject();
    const outsider = await makeToken((await makeUser({ org: other.org.slug, role: 'owner' })).user.id);
    expect((await api(outsider, 'GET', `/api/0/organizations/${w.org}/tags/`)).status).toBe(404);
  });

  it('searches within an issue’s events', async () => {
    const r = await api(
      w.token,
      'GET',
      `/api/0/issues/${w.checkout}/events/?query=${encodeURIComponent('user.email:customer0_5@example.com')}`,
    );
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1);
    expect((await api(w.token, 'GET', `/api/0/issues/${w.checkout}/events/?query=has:x`)).status).toBe(400);
  });
});

describe('activity', () => {
  it('records comments with mentions (emailed), status changes and assignments with who did them', async () => {
    const c = await api(w.token, 'POST', `/api/0/issues/${w.checkout}/comments/`, {
      text: `Looks like the card API. @${w.mate.email} can you check?`,
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({
      type: 'note',
      data: { text: expect.stringContaining('card API'), mentions: [String(w.mate.id)] },
    });
    const mail = await waitFor(
      async () => smtp.mails.find((m) => m.to.includes(w.mate.email)),
      (m) => m !== undefined,
      20_000,
    );
    expect(mail?.subject).toContain('checkout broken');
    expect(mail?.text).toContain('mentioned you: Looks like the card API.');

    expect((await api(w.token, 'PUT', `/api/0/issues/${w.checkout}/`, { status: 'resolved' })).status).toBe(200);
    expect((await api(w.token, 'PUT', `/api/0/issues/${w.checkout}/`, { assignedTo: w.mate.email })).status).toBe(200);
    const feed = await api(w.token, 'GET', `/api/0/organizations/${w.org}/issues/${w.checkout}/activities/`);
    expect(feed.status).toBe(200);
    const types = feed.body.activity.map((a: { type: string }) => a.type);
    // The mention email is an alert delivery of the assignee channel: it shows in the feed too.
    expect(types.filter((t: string) => t !== 'alert_sent')).toEqual(['assigned', 'set_resolved', 'note', 'first_seen']);
    expect(feed.body.activity.find((a: { type: string }) => a.type === 'alert_sent')).toMatchObject({
      data: { channel: 'Issue assignees (email)', status: 'sent' },
    });
    expect(feed.body.activity[0]).toMatchObject({
      user: { email: expect.any(String) },
      data: { assigneeType: 'user' },
    });
    const comments = await api(w.token, 'GET', `/api/0/issues/${w.checkout}/comments/`);
    expect(comments.body).toHaveLength(1);
  });

  it('a regression is recorded and emailed to the people following the issue', async () => {
    const before = smtp.mails.length;
    await storeEvents({ id: w.projectId }, w.key, [
      { message: 'checkout broken', level: 'error', timestamp: ago(0), release: 'checkout-api@1.6.0' },
    ]);
    const feed = await waitFor(
      async () =>
        (await api(w.token, 'GET', `/api/0/issues/${w.checkout}/activities/`)).body.activity as Array<{
          type: string;
          user: unknown;
        }>,
      (a) => a.some((x) => x.type === 'set_regression'),
    );
    expect(feed.find((x) => x.type === 'set_regression')?.user).toBeNull();
    const mail = await waitFor(
      async () => smtp.mails.slice(before).find((m) => /Regression/.test(m.text)),
      (m) => m !== undefined,
      20_000,
    );
    expect(mail?.to).toContain(w.mate.email);
  });

  it('alert channel names are unique per organization, in any letter case', async () => {
    const base = `/api/0/organizations/${w.org}/alert-channels/`;
    const token = await makeToken(w.ownerId, ['org:read', 'org:write']);
    const body = { name: 'On-call', type: 'webhook', config: { url: 'http://127.0.0.1:9/hook' } };
    expect((await api(token, 'POST', base, body)).status).toBe(201);
    const again = await api(token, 'POST', base, { ...body, name: 'on-call' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('name: a channel named “On-call” already exists');
  });

  it('only the author edits or deletes a comment; bad bodies are 400', async () => {
    const c = await api(w.token, 'POST', `/api/0/issues/${w.search}/comments/`, { text: 'mine' });
    const mateToken = await makeToken(w.mate.id);
    expect((await api(mateToken, 'DELETE', `/api/0/issues/${w.search}/comments/${c.body.id}/`)).status).toBe(403);
    expect(
      (await api(w.token, 'PUT', `/api/0/issues/${w.search}/comments/${c.body.id}/`, { text: 'edited' })).body.data
        .text,
    ).toBe('edited');
    expect((await api(w.token, 'DELETE', `/api/0/issues/${w.search}/comments/${c.body.id}/`)).status).toBe(204);
    expect((await api(w.token, 'POST', `/api/0/issues/${w.search}/comments/`, { text: '  ' })).status).toBe(400);
  });
});
