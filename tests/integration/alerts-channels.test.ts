// A new issue from the real @sentry/node SDK reaches every channel type, each receiver checking what the real
// service checks (DingTalk and Feishu signatures, keywords, SMTP auth); the delivery log keeps their replies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { db } from '../../lib/db.ts';
import { makeProject } from '../harness/fixtures.ts';
import { dingtalkReceiver, feishuReceiver, jsonReceiver, smtpReceiver, waitFor } from './alerts-receivers.ts';
import { channel, deliveries, rule, runSentryNode, settle, type Project } from './alerts-support.ts';

const sdkScript = `
import * as Sentry from '@sentry/node';
Sentry.init({ dsn: process.argv[1], release: 'shop@3.1.0', environment: 'production', defaultIntegrations: false });
Sentry.setUser({ id: 'customer-7' });
function applyCoupon(cart) { return cart.coupon.code.toUpperCase(); }
try { applyCoupon({}); } catch (e) { Sentry.captureException(e); }
await Sentry.flush(5000);
`;

let p: Project;
let ding: Awaited<ReturnType<typeof dingtalkReceiver>>;
let feishu: Awaited<ReturnType<typeof feishuReceiver>>;
let wecom: Awaited<ReturnType<typeof jsonReceiver>>;
let slack: Awaited<ReturnType<typeof jsonReceiver>>;
let hook: Awaited<ReturnType<typeof jsonReceiver>>;
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;

beforeAll(async () => {
  p = await makeProject({ platform: 'node' });
  ding = await dingtalkReceiver({ token: 'tok-ding', secret: 'SECdingtalk-signing-secret', keyword: 'Faultline' });
  feishu = await feishuReceiver({ secret: 'feishu-signing-secret', keyword: 'alert' });
  wecom = await jsonReceiver({ errcode: 0, errmsg: 'ok' });
  slack = await jsonReceiver('ok');
  hook = await jsonReceiver({ received: true });
  smtp = await smtpReceiver({ user: 'mailer', pass: 's3cret-pass' });
});

afterAll(async () => {
  await Promise.all([ding, feishu, wecom, slack, hook, smtp].map((r) => r?.close()));
});

describe('a new issue through every channel type', () => {
  it('sends signed, well-formed messages with the issue details and logs each reply', async () => {
    const channels = [
      await channel(p, 'dingtalk', {
        webhookUrl: `${ding.url}/robot/send?access_token=tok-ding`,
        secret: 'SECdingtalk-signing-secret',
        keyword: 'Faultline',
        atMobiles: ['13800000000'],
      }),
      await channel(p, 'feishu', {
        webhookUrl: `${feishu.url}/open-apis/bot/v2/hook/abc`,
        secret: 'feishu-signing-secret',
        keyword: 'alert',
      }),
      await channel(p, 'wecom', { webhookUrl: `${wecom.url}/cgi-bin/webhook/send?key=k1` }),
      await channel(p, 'slack', { webhookUrl: `${slack.url}/services/T/B/X` }),
      await channel(p, 'webhook', { url: `${hook.url}/faultline`, secret: 'hook-secret' }),
      await channel(p, 'email', {
        recipients: ['oncall@example.com'],
        smtpHost: '127.0.0.1',
        smtpPort: smtp.port,
        smtpUser: 'mailer',
        smtpPassword: 's3cret-pass',
        from: 'alerts@example.com',
      }),
    ];
    const r = await rule(p, {
      name: 'New production errors',
      trigger: 'new_issue',
      channels: channels.map((c) => c.id),
    });
    runSentryNode(sdkScript, p.dsn);
    const stored = await waitFor(
      () => db().event.findMany({ where: { projectId: p.project.id } }),
      (e) => e.length === 1,
    );
    await settle(
      p,
      stored.map((e) => e.eventId),
    );

    const all = await waitFor(
      () => deliveries({ ruleId: r.id }),
      (d) => d.length === 6 && d.every((x) => x.status !== 'pending'),
      30_000,
    );
    expect(all.map((d) => [d.status, d.error])).toEqual(all.map(() => ['sent', null]));
    const issue = await db().issue.findFirstOrThrow({ where: { projectId: p.project.id } });
    const link = `${process.env.FAULTLINE_URL}/organizations/${p.org.slug}/issues/${issue.id}/`;

    // DingTalk: signature and keyword were verified by the receiver; markdown with title, details, link, @mention.
    expect(ding.received).toHaveLength(1);
    const md = ding.received[0].body.markdown as { title: string; text: string };
    expect(ding.received[0].body.msgtype).toBe('markdown');
    expect(md.text).toContain("Cannot read properties of undefined (reading 'code')");
    expect(md.text).toContain(link);
    expect(md.text).toContain('@13800000000');
    expect(ding.received[0].body.at).toEqual({ atMobiles: ['13800000000'], isAtAll: false });

    expect(feishu.received).toHaveLength(1);
    expect(feishu.received[0].body.msg_type).toBe('interactive');
    expect(feishu.received[0].raw).toContain(link);

    expect(wecom.received[0].body.msgtype).toBe('markdown');
    expect((wecom.received[0].body.markdown as { content: string }).content).toContain('applyCoupon');

    expect(String(slack.received[0].body.text)).toContain('New issue');
    expect(slack.received[0].body.blocks).toBeInstanceOf(Array);

    // Generic webhook: the signature is the HMAC of the exact body; the body carries the issue.
    const h = hook.received[0];
    expect(h.headers['x-faultline-signature']).toBe(
      'sha256=' + createHmac('sha256', 'hook-secret').update(h.raw).digest('hex'),
    );
    expect(Number(h.headers['x-faultline-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 120);
    expect((h.body.data as { issue: { id: number } }).issue.id).toBe(issue.id);

    // Email: authenticated SMTP, HTML and text with everything the on-call person needs.
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail.user).toBe('mailer');
    expect(mail.to).toEqual(['oncall@example.com']);
    expect(mail.from).toBe('alerts@example.com');
    expect(mail.subject).toContain('New issue');
    for (const s of [
      "TypeError: Cannot read properties of undefined (reading 'code')",
      'applyCoupon',
      'Users affected: 1',
      'Events: 1',
      'Environment: production',
      'Release: shop@3.1.0',
      link,
    ]) {
      expect(mail.text).toContain(s);
    }
    expect(mail.html).toContain('<pre');
    expect(mail.html).toContain(`href="${link}"`);

    // The delivery log keeps each receiver's answer.
    const byChannel = new Map(all.map((d) => [d.channelId, d]));
    expect(byChannel.get(channels[0].id)!.response).toContain('"errcode":0');
    expect(byChannel.get(channels[1].id)!.response).toContain('"code":0');
    expect(byChannel.get(channels[5].id)!.response).toMatch(/250/);
  });

  it('logs DingTalk and Feishu rejections (wrong secret, missing keyword) as failures with their reply', async () => {
    const zh = await feishuReceiver({ keyword: '告警' });
    try {
      const badDing = await channel(p, 'dingtalk', {
        webhookUrl: `${ding.url}/robot/send?access_token=tok-ding`,
        secret: 'SECwrong-secret',
        keyword: 'Faultline',
      });
      const badFeishu = await channel(p, 'feishu', {
        webhookUrl: `${feishu.url}/open-apis/bot/v2/hook/abc`,
        secret: 'wrong',
        keyword: 'alert',
      });
      const noKeyword = await channel(p, 'feishu', { webhookUrl: `${zh.url}/open-apis/bot/v2/hook/abc` });
      const withKeyword = await channel(p, 'feishu', {
        webhookUrl: `${zh.url}/open-apis/bot/v2/hook/abc`,
        keyword: '告警',
      });
      const { sendTestMessage } = await import('../../lib/alerts/delivery.ts');
      const { redis } = await import('../../lib/redis.ts');
      const send = (c: typeof badDing) =>
        sendTestMessage(db(), redis(), { ...c, orgSlug: p.org.slug }, 'tester@example.com');
      const d1 = await send(badDing);
      expect(d1.status).toBe('failed');
      expect(d1.error).toContain('errcode 310000');
      expect(d1.response).toContain('sign not match');
      const d2 = await send(badFeishu);
      expect([d2.status, d2.error]).toEqual(['failed', expect.stringContaining('code 19021')]);
      const d3 = await send(noKeyword);
      expect([d3.status, d3.error]).toEqual(['failed', expect.stringContaining('code 19024')]);
      const d4 = await send(withKeyword);
      expect([d4.status, d4.error]).toEqual(['sent', null]);
      expect(zh.received).toHaveLength(1);
    } finally {
      await zh.close();
    }
  });
});
