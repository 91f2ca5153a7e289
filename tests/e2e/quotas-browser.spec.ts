// @sentry/browser in Chromium backs off after a 429 with X-Sentry-Rate-Limits (no more error requests leave the
// page), and Project settings → Usage shows what was accepted and rate-limited, with the quota form.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, type Request } from '@playwright/test';
import { makeProject, makeUser } from '../harness/fixtures.ts';
import { createRedis } from '../../lib/redis.ts';
import { db } from '../../lib/db.ts';
import { sql, sqlPool } from '../../lib/sql.ts';
import { flushUsage } from '../../lib/quotas/usage.ts';
import { sentryBrowserScript, shots, signIn } from './support.ts';

let server: http.Server;
let pageOrigin: string;

test.beforeAll(async () => {
  const js = await sentryBrowserScript();
  server = http.createServer((req, res) => {
    if (req.url === '/sentry.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    const dsn = new URL(req.url!, 'http://x').searchParams.get('dsn');
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html><head><title>Shop</title>
<script src="/sentry.js"></script></head><body><h1>Shop</h1><script>
  Sentry.init({ dsn: ${JSON.stringify(dsn)}, defaultIntegrations: false });
  window.fail = (m) => Sentry.captureException(new Error(m));
</script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://localhost:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server?.close();
  await sqlPool().end();
});

test('after a 429 the browser SDK sends no errors for the announced time; Usage shows the outcomes', async ({
  page,
}) => {
  const p = await makeProject({ platform: 'javascript' });
  await db().project.update({ where: { id: p.project.id }, data: { rateLimitPerDay: 1 } });
  const eventRequests: Request[] = [];
  page.on('request', (r) => {
    if (r.url().includes(`/api/${p.project.id}/envelope/`) && (r.postData() ?? '').includes('"type":"event"'))
      eventRequests.push(r);
  });
  await page.goto(`${pageOrigin}/?dsn=${encodeURIComponent(p.dsn)}`);

  const answer = (fn: string) =>
    Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/${p.project.id}/envelope/`)),
      page.evaluate((m) => (window as unknown as { fail(m: string): void }).fail(m), fn),
    ]).then(([r]) => r);
  expect((await answer('first')).status()).toBe(200);
  const refused = await answer('second');
  expect(refused.status()).toBe(429);
  expect(refused.headers()['x-sentry-rate-limits']).toMatch(/^\d+:error;default;security:project:project_day$/);
  expect(eventRequests).toHaveLength(2);

  const fail = (m: string) => page.evaluate((x) => (window as unknown as { fail(m: string): void }).fail(x), m);
  for (const m of ['third', 'fourth', 'fifth']) await fail(m);
  await page.waitForTimeout(2000);
  expect(eventRequests).toHaveLength(2);

  // Its own connection: ingest-support's shared one is closed by the spec that ran before in this process.
  const redis = createRedis();
  await flushUsage(redis, sql(sqlPool())).finally(() => redis.disconnect());
  const owner = await makeUser({ org: p.org.slug, role: 'owner' });
  const page2 = await page.context().newPage();
  await page2.setViewportSize({ width: 1280, height: 900 });
  await signIn(page2, owner.email, owner.password, `/settings/${p.org.slug}/projects/${p.project.slug}/usage/`);
  await expect(page2.getByRole('heading', { name: 'Usage' })).toBeVisible();
  await expect(page2.getByTestId('usage-chart')).toHaveAttribute(
    'aria-label',
    /^1 accepted, 1 rate-limited, 0 refused/,
  );
  const reasons = page2.getByRole('table', { name: 'Outcomes by reason' });
  await expect(reasons).toContainText('project_day');
  await expect(page2.getByLabel('Events per day')).toHaveValue('1');
  await page2.getByLabel('Events per minute').fill('600');
  await Promise.all([
    page2.waitForResponse((r) => r.request().method() === 'PUT' && r.ok()),
    page2.getByRole('button', { name: 'Save' }).click(),
  ]);
  expect((await db().project.findUniqueOrThrow({ where: { id: p.project.id } })).rateLimitPerMinute).toBe(600);
  await page2.reload();
  await expect(page2.getByLabel('Events per minute')).toHaveValue('600');
  await page2.screenshot({ path: `${shots}/usage.png`, fullPage: true });
});
