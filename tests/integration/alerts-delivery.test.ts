// The delivery loop of the running workers: retries with backoff until the receiver answers, gives up on a
// receiver that is down (the log says why), and keeps DingTalk under 20 messages a minute by sending a digest
// when 100 new issues arrive at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject } from '../harness/fixtures.ts';
import { deadPort, dingtalkReceiver, waitFor } from './alerts-receivers.ts';
import { channel, deliveries, exceptionEvent, rule, sendEvent, settle } from './alerts-support.ts';
import { db } from '../../lib/db.ts';

let ding: Awaited<ReturnType<typeof dingtalkReceiver>>;

beforeAll(async () => {
  ding = await dingtalkReceiver({ token: 'tok', secret: 'SECretry-secret' });
});
afterAll(async () => ding?.close());

describe('alert delivery', () => {
  it('retries with backoff through a throttling (errcode 130101) and a failing receiver, then delivers', async () => {
    const p = await makeProject();
    const ch = await channel(p, 'dingtalk', {
      webhookUrl: `${ding.url}/robot/send?access_token=tok`,
      secret: 'SECretry-secret',
    });
    const r = await rule(p, { trigger: 'new_issue', channels: [ch.id] });
    ding.failNext.push('throttle', 'http500', 'drop');
    await settle(p, [await sendEvent(p, exceptionEvent('flaky receiver'))]);
    const [d] = await waitFor(
      () => deliveries({ ruleId: r.id }),
      (x) => x[0]?.status === 'sent',
      30_000,
    );
    expect(d.status).toBe('sent');
    expect(d.attempts).toBe(4);
    expect(d.response).toContain('"errcode":0');
    const answers = ding.log.slice(-4).map((l) => l.answer);
    expect(answers[0]).toContain('130101');
    expect(answers[1]).toMatch(/^500/);
    // Backoff: each retry waits longer than the one before (ALERTS_RETRY_BASE_MS=300 in the test stack).
    const times = ding.log.slice(-4).map((l) => l.at);
    expect(times[2] - times[1]).toBeGreaterThan(times[1] - times[0]);
  });

  it('gives up after 5 attempts on a receiver that is down, and the log says why', async () => {
    const p = await makeProject();
    const port = await deadPort();
    const ch = await channel(p, 'webhook', { url: `http://127.0.0.1:${port}/hook` });
    const r = await rule(p, { trigger: 'new_issue', channels: [ch.id] });
    await settle(p, [await sendEvent(p, exceptionEvent('nobody listens'))]);
    const [d] = await waitFor(
      () => deliveries({ ruleId: r.id }),
      (x) => x[0]?.status === 'failed',
      40_000,
    );
    expect(d.status).toBe('failed');
    expect(d.attempts).toBe(5);
    expect(d.error).toMatch(/ECONNREFUSED.*gave up after 5 attempts/);
  });

  it('a burst of 100 new issues reaches DingTalk as at most 20 messages a minute, each issue once', async () => {
    const burst = await dingtalkReceiver({ token: 'burst', secret: 'SECburst' });
    try {
      const p = await makeProject();
      const ch = await channel(p, 'dingtalk', {
        webhookUrl: `${burst.url}/robot/send?access_token=burst`,
        secret: 'SECburst',
      });
      const r = await rule(p, { trigger: 'new_issue', channels: [ch.id] });
      const ids = await Promise.all(
        Array.from({ length: 100 }, (_, i) => sendEvent(p, exceptionEvent(`burst issue ${i}`))),
      );
      await settle(p, ids);
      // Issues named in each message (a single alert names its issue in the title and the stack excerpt).
      const mentioned = () =>
        burst.received.flatMap((m) => [
          ...new Set(
            [...String((m.body.markdown as { text: string }).text).matchAll(/burst issue (\d+)/g)].map((x) =>
              Number(x[1]),
            ),
          ),
        ]);
      await waitFor(mentioned, (m) => m.length >= 100, 150_000, 500);
      const got = mentioned();
      expect(got.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
      // DingTalk never had to refuse (no 130101), and no 60 s window holds more than 20 messages.
      expect(burst.log.filter((l) => l.answer.includes('130101'))).toEqual([]);
      const at = burst.received.map((m) => m.at);
      for (const t of at) expect(at.filter((x) => x >= t && x < t + 60_000).length).toBeLessThanOrEqual(20);
      expect(burst.received.length).toBeLessThanOrEqual(40);
      // The log: every rule delivery was sent or merged into a digest that was sent.
      const rows = await deliveries({ ruleId: r.id });
      expect(rows).toHaveLength(100);
      expect(rows.every((d) => d.status === 'sent' || d.status === 'digested')).toBe(true);
      const digests = await db().alertDelivery.findMany({ where: { channelId: ch.id, ruleId: null } });
      expect(digests.length).toBeGreaterThan(0);
      expect(digests.every((d) => d.status === 'sent')).toBe(true);
      const merged = digests.flatMap((d) => (d.payload as { deliveryIds: string[] }).deliveryIds);
      expect(merged.sort()).toEqual(
        rows
          .filter((d) => d.status === 'digested')
          .map((d) => String(d.id))
          .sort(),
      );
    } finally {
      await burst.close();
    }
  }, 180_000);
});
