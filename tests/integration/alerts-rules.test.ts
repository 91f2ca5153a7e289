// Each trigger, each filter and the throttle, with events sent to the running Faultline and alerts arriving
// at a real webhook receiver; frequency counts stay exact under a burst handled by two workers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { evaluateAlerts } from '../../lib/alerts/evaluate.ts';
import type { RuleFilter } from '../../lib/alerts/ruleSchema.ts';
import { makeProject, makeUser } from '../harness/fixtures.ts';
import { jsonReceiver, smtpReceiver, waitFor } from './alerts-receivers.ts';
import { channel, deliveries, exceptionEvent, rule, sendEvent, settle } from './alerts-support.ts';

let hook: Awaited<ReturnType<typeof jsonReceiver>>;
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;

beforeAll(async () => {
  hook = await jsonReceiver({ ok: true });
  smtp = await smtpReceiver();
});
afterAll(async () => {
  await hook?.close();
  await smtp?.close();
});

async function setup(ruleInput: Record<string, unknown>) {
  const p = await makeProject();
  const ch = await channel(p, 'webhook', { url: `${hook.url}/${p.project.slug}` });
  const r = await rule(p, { channels: [ch.id], ...ruleInput });
  return { p, ch, r };
}

const reasons = async (ruleId: number) =>
  (await deliveries({ ruleId })).map((d) => (d.payload as { reason: string }).reason);

describe('triggers', () => {
  it('new issue: fires once per new issue, not for later events of it', async () => {
    const { p, r } = await setup({ trigger: 'new_issue' });
    const a = await sendEvent(p, exceptionEvent('first bug'));
    await settle(p, [a]);
    const b = await sendEvent(p, exceptionEvent('first bug'));
    const c = await sendEvent(p, exceptionEvent('second bug'));
    await settle(p, [b, c]);
    expect(await reasons(r.id)).toEqual(['New issue', 'New issue']);
    const received = await waitFor(
      () => hook.received.filter((x) => x.path === `/${p.project.slug}`),
      (x) => x.length === 2,
    );
    expect(received.map((x) => (x.body.data as { issue: { title: string } }).issue.title).sort()).toEqual([
      'TypeError: first bug',
      'TypeError: second bug',
    ]);
  });

  it('regression: fires when a resolved issue is seen again', async () => {
    const { p, r } = await setup({ trigger: 'regression' });
    const a = await sendEvent(p, exceptionEvent('comes back'));
    await settle(p, [a]);
    expect(await reasons(r.id)).toEqual([]);
    await db().issue.updateMany({
      where: { projectId: p.project.id },
      data: { status: 'resolved', resolvedAt: new Date() },
    });
    const b = await sendEvent(p, exceptionEvent('comes back'));
    await settle(p, [b], { regression: true });
    expect(await reasons(r.id)).toEqual(['Regression']);
  });

  it('frequency: "more than 4 times in 5 minutes" fires exactly once, at the 5th event, under a burst', async () => {
    const { p, r } = await setup({ trigger: 'frequency', triggerConfig: { threshold: 4, windowMinutes: 5 } });
    const first = await Promise.all([1, 2, 3, 4].map(() => sendEvent(p, exceptionEvent('hot loop'))));
    await settle(p, first);
    expect(await reasons(r.id)).toEqual([]);
    const burst = await Promise.all(Array.from({ length: 20 }, () => sendEvent(p, exceptionEvent('hot loop'))));
    await settle(p, burst);
    await new Promise((res) => setTimeout(res, 500));
    expect(await reasons(r.id)).toEqual(['Seen more than 4 times in 5 min']);
  });

  it('user frequency: "more than 2 users in 10 minutes" counts distinct users', async () => {
    const { p, r } = await setup({ trigger: 'user_frequency', triggerConfig: { threshold: 2, windowMinutes: 10 } });
    const ev = (user: string) => sendEvent(p, exceptionEvent('login broken', { user: { id: user } }));
    await settle(p, [await ev('ann'), await ev('ann'), await ev('bob'), await ev('bob')]);
    expect(await reasons(r.id)).toEqual([]);
    await settle(p, [await ev('cid')]);
    expect(await reasons(r.id)).toEqual(['Affecting 3 users in 10 min']);
  });

  it('every event (throttle 0): one alert per batch that has events of the issue', async () => {
    const { p, r } = await setup({ trigger: 'every_event', throttleMinutes: 0 });
    for (let i = 0; i < 3; i++) await settle(p, [await sendEvent(p, exceptionEvent('each time'))]);
    expect(await deliveries({ ruleId: r.id })).toHaveLength(3);
  });
});

type FilterCase = [string, RuleFilter, Record<string, unknown>, Record<string, unknown>];

describe('filters (each with a matching and a non-matching event)', () => {
  it.each<FilterCase>([
    ['level at least error', { type: 'level', op: 'gte', value: 'error' }, { level: 'fatal' }, { level: 'warning' }],
    [
      'environment',
      { type: 'environment', op: 'eq', value: 'production' },
      { environment: 'production' },
      { environment: 'staging' },
    ],
    [
      'release',
      { type: 'release', op: 'eq', value: 'shop@2.0.0' },
      { release: 'shop@2.0.0' },
      { release: 'shop@1.9.0' },
    ],
    [
      'tag equals',
      { type: 'tag', key: 'tier', op: 'eq', value: 'gold' },
      { tags: { tier: 'gold' } },
      { tags: { tier: 'golden' } },
    ],
    [
      'tag contains',
      { type: 'tag', key: 'tier', op: 'contains', value: 'GOLD' },
      { tags: { tier: 'rose-gold' } },
      { tags: { tier: 'silver' } },
    ],
  ])('%s', async (_name, filter, matching, other) => {
    const { p, r } = await setup({ trigger: 'new_issue', filters: [filter] });
    const yes = await sendEvent(p, exceptionEvent('matching event', matching));
    const no = await sendEvent(p, exceptionEvent('other event', other));
    await settle(p, [yes, no]);
    const got = await deliveries({ ruleId: r.id });
    expect(got.map((d) => (d.payload as { event: { eventId: string } }).event.eventId)).toEqual([yes]);
  });

  it('assigned to a user / unassigned', async () => {
    const p = await makeProject();
    const { user } = await makeUser({ org: p.org.slug, role: 'member' });
    const ch = await channel(p, 'webhook', { url: `${hook.url}/${p.project.slug}` });
    const toUser = await rule(p, {
      trigger: 'every_event',
      throttleMinutes: 0,
      channels: [ch.id],
      filters: [{ type: 'assignee', value: `user:${user.id}` }],
    });
    const unassigned = await rule(p, {
      trigger: 'every_event',
      throttleMinutes: 0,
      channels: [ch.id],
      filters: [{ type: 'assignee', value: 'unassigned' }],
    });
    await settle(p, [await sendEvent(p, exceptionEvent('owned bug'))]);
    expect([
      (await deliveries({ ruleId: toUser.id })).length,
      (await deliveries({ ruleId: unassigned.id })).length,
    ]).toEqual([0, 1]);
    await db().issue.updateMany({ where: { projectId: p.project.id }, data: { assignedUserId: user.id } });
    await settle(p, [await sendEvent(p, exceptionEvent('owned bug'))]);
    expect([
      (await deliveries({ ruleId: toUser.id })).length,
      (await deliveries({ ruleId: unassigned.id })).length,
    ]).toEqual([1, 1]);
  });
});

describe('throttle', () => {
  it('sends at most one alert per rule and issue within the throttle window', async () => {
    const { p, r } = await setup({ trigger: 'every_event', throttleMinutes: 30 });
    for (let i = 0; i < 3; i++) await settle(p, [await sendEvent(p, exceptionEvent('storm'))]);
    await settle(p, [await sendEvent(p, exceptionEvent('another issue'))]);
    const got = await deliveries({ ruleId: r.id });
    expect(got).toHaveLength(2);
    expect(new Set(got.map((d) => d.issueId)).size).toBe(2);
  });

  it('is taken atomically: concurrent evaluations of the same event fire once', async () => {
    const { p, r } = await setup({ trigger: 'every_event', throttleMinutes: 30 });
    const id = await sendEvent(p, exceptionEvent('race'));
    await settle(p, [id]);
    const ev = await db().event.findFirstOrThrow({ where: { projectId: p.project.id, eventId: id } });
    const stored = {
      projectId: p.project.id,
      issueId: ev.issueId,
      eventId: id,
      isNewIssue: false,
      isRegression: false,
      level: 'error',
      environment: ev.environment ?? '',
      release: null,
      tags: [] as [string, string][],
      userKey: null,
      timestamp: ev.timestamp.toISOString(),
    };
    await db().alertFire.deleteMany({ where: { ruleId: r.id } });
    await db().alertDelivery.deleteMany({ where: { ruleId: r.id } });
    await Promise.all(Array.from({ length: 8 }, () => evaluateAlerts(db(), [stored])));
    expect(await deliveries({ ruleId: r.id })).toHaveLength(1);
  });
});

describe('notify the assignee', () => {
  it('emails the assigned user besides the channel recipients', async () => {
    const p = await makeProject();
    const { user, email } = await makeUser({ org: p.org.slug, role: 'member' });
    const mail = await channel(p, 'email', {
      recipients: ['team-inbox@example.com'],
      smtpHost: '127.0.0.1',
      smtpPort: smtp.port,
    });
    const r = await rule(p, { trigger: 'every_event', throttleMinutes: 0, channels: [mail.id], notifyAssignee: true });
    const first = await sendEvent(p, exceptionEvent('assigned bug'));
    await settle(p, [first]);
    await db().issue.updateMany({ where: { projectId: p.project.id }, data: { assignedUserId: user.id } });
    await settle(p, [await sendEvent(p, exceptionEvent('assigned bug'))]);
    const got = await waitFor(
      () => deliveries({ ruleId: r.id }),
      (d) => d.length === 3 && d.every((x) => x.status === 'sent'),
    );
    expect(got.map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
    const mine = await waitFor(
      () => smtp.mails.filter((m) => m.to.includes(email)),
      (m) => m.length === 1,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toContain('assigned bug');
    expect(smtp.mails.filter((m) => m.to.includes('team-inbox@example.com'))).toHaveLength(2);
  });
});
