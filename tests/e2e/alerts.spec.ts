// Alert settings in a real browser: create a DingTalk channel, press "Send test" and see the signed message
// arrive at a receiver that checks DingTalk's signature; create a rule for a project that uses the channel.
import { test, expect } from '@playwright/test';
import { makeProject, makeUser } from '../harness/fixtures.ts';
import { dingtalkReceiver } from '../integration/alerts-receivers.ts';
import { workerEvaluates } from '../integration/alerts-support.ts';
import { runSentryNode, shots, signIn, waitFor } from './support.ts';

test('create a channel, send a test message, create a rule, and get alerted', async ({ page }) => {
  test.setTimeout(90_000);
  const ding = await dingtalkReceiver({ token: 'e2e-token', secret: 'SECe2e-signing-secret', keyword: '告警' });
  try {
    const p = await makeProject({ platform: 'node' });
    const owner = await makeUser({ org: p.org.slug, role: 'owner' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, owner.email, owner.password, `/settings/${p.org.slug}/alerts/`);
    await expect(page.getByRole('heading', { name: 'Alert channels' })).toBeVisible();
    await expect(page.getByText('No channels yet')).toBeVisible();

    await page.getByRole('button', { name: 'New channel' }).click();
    await page.getByLabel('Type').selectOption('dingtalk');
    await page.getByLabel('Name').fill('Backend on-call group');
    await page.getByLabel('Webhook URL *').fill(`${ding.url}/robot/send?access_token=e2e-token`);
    await page.getByLabel('Signing secret (加签)').fill('SECe2e-signing-secret');
    await page.getByLabel('Keyword (自定义关键词)').fill('告警');
    await page.getByLabel('@ mobiles').fill('13800000000');
    await page.screenshot({ path: `${shots}/alerts-channel-form.png`, fullPage: true });
    await page.getByRole('button', { name: 'Create channel' }).click();

    const card = page.getByTestId('channel-card').filter({ hasText: 'Backend on-call group' });
    await expect(card).toBeVisible();
    // The secret and the access token are never shown again.
    await expect(card).not.toContainText('e2e-signing-secret');
    await expect(card).not.toContainText('e2e-token');
    await card.getByRole('button', { name: 'Send test' }).click();
    await expect(card.getByTestId('test-result')).toContainText('Test message sent.');
    await expect(card.getByTestId('delivery-row').first()).toContainText('sent');
    expect(ding.received).toHaveLength(1);
    const md = ding.received[0].body.markdown as { title: string; text: string };
    expect(md.text).toContain('Backend on-call group');
    expect(md.text).toContain('告警');
    await page.screenshot({ path: `${shots}/alerts-channels.png`, fullPage: true });

    await page.goto(`${process.env.FAULTLINE_TEST_URL}/settings/${p.org.slug}/projects/${p.project.slug}/alerts/`);
    await expect(page.getByRole('heading', { name: 'Alert rules' })).toBeVisible();
    await page.getByRole('button', { name: 'New rule' }).click();
    await page.getByLabel('Name').fill('New production errors');
    await page.getByLabel('When').selectOption('new_issue');
    await page.getByRole('button', { name: '+ level' }).click();
    await page.getByRole('button', { name: '+ environment' }).click();
    await page.getByLabel('environment value').fill('production');
    await page.getByLabel(/Backend on-call group/).check();
    await page.getByLabel('At most once per issue every (minutes)').fill('10');
    await page.screenshot({ path: `${shots}/alerts-rule-form.png`, fullPage: true });
    await page.getByRole('button', { name: 'Create rule' }).click();
    const rule = page.getByTestId('rule-card').filter({ hasText: 'New production errors' });
    await expect(rule).toContainText(
      'level at least error and environment is production, notify Backend on-call group',
    );
    await expect(rule).toContainText('every 10 min');
    await page.screenshot({ path: `${shots}/alerts-rules.png`, fullPage: true });

    // Once the event worker evaluates rules, a real SDK error reaches the group.
    if (workerEvaluates()) {
      runSentryNode(p.dsn, "try { JSON.parse('{oops'); } catch (e) { Sentry.captureException(e); }");
      await waitFor(
        async () => ding.received.length,
        (n) => n >= 2,
        30_000,
      );
      expect((ding.received[1].body.markdown as { text: string }).text).toContain('SyntaxError');
    }
  } finally {
    await ding.close();
  }
});
