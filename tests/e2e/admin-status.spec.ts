// Admin → Status in Chromium: a superuser opens it from the admin navigation and sees the accepted/stored chart, the
// queue, a reading worker and the project that holds the events; the numbers move on their own when more events
// arrive. Anyone else gets a 404 page and a 403 from the API. Screenshots go to tests/e2e/screenshots/.
import { test, expect, type Page } from '@playwright/test';
import { db } from '../../lib/db.ts';
import { makeProject, makeUser, uniqueSlug } from '../harness/fixtures.ts';
import { runSentryNode, shots, signIn, waitFor } from './support.ts';

/** Sends `n` errors through the real @sentry/node SDK and waits until the worker has stored them all. */
async function sendErrors(dsn: string, projectId: number, n: number) {
  const before = await db().event.count({ where: { projectId } });
  runSentryNode(dsn, `for (let i = 0; i < ${n}; i++) Sentry.captureException(new Error('checkout failed ' + i));`);
  await waitFor(
    () => db().event.count({ where: { projectId } }),
    (c) => c === before + n,
  );
}

/** The chart's own summary: "<accepted> events accepted and <stored> stored in the last hour". */
async function chartTotals(page: Page) {
  const label = (await page.getByTestId('throughput-chart').getAttribute('aria-label')) ?? '';
  const m = /^(\d+) events accepted and (\d+) stored in the last hour$/.exec(label);
  expect(m, label).not.toBeNull();
  return { accepted: Number(m![1]), stored: Number(m![2]) };
}

test('a superuser watches events accepted and stored, the queue, the workers and the largest projects', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const p = await makeProject({ platform: 'node', org: uniqueSlug('ops'), project: uniqueSlug('checkout') });
  const SENT = 25;
  await sendErrors(p.dsn, p.project.id, SENT);
  const admin = await makeUser({ superuser: true });
  await signIn(page, admin.email, admin.password, '/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status' }).click();
  await expect(page).toHaveURL(/\/admin\/status\/$/);
  await expect(page.getByRole('heading', { name: 'Status', level: 1 })).toBeVisible();

  const chart = page.getByTestId('throughput-chart');
  await expect(chart).toBeVisible();
  // Two drawn series through the hour's points: accepted as an area, stored as a line over it.
  await expect(chart.locator('.recharts-area-curve')).toHaveCount(1);
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(1);
  await expect(chart.getByText('Accepted')).toBeVisible();
  await expect(chart.getByText('Stored')).toBeVisible();
  const first = await chartTotals(page);
  expect(first.accepted).toBeGreaterThanOrEqual(SENT);
  expect(first.stored).toBeGreaterThanOrEqual(SENT);

  await expect(page.getByTestId('status-Dead letters').getByRole('link')).toHaveAttribute(
    'href',
    '/admin/dead-letters/',
  );
  for (const tile of ['Lag', 'Not yet read', 'Pending', 'Stream length'])
    await expect(page.getByTestId(`status-${tile}`).locator('dd')).toHaveText(/^(none|[\d,.]+( s| min| h)?)$/);
  const worker = page.getByTestId('status-worker').first();
  await expect(worker).toContainText('reading');
  await expect(worker).toContainText(/^worker-\d+-\d+/);
  await expect(page.getByText('No worker has read the queue')).toHaveCount(0);

  const row = page.getByTestId('status-project').filter({ hasText: `${p.org.slug} / ${p.project.slug}` });
  await expect(row).toContainText(String(SENT));
  await expect(row).toContainText(/\d+(\.\d)?\s(B|KB|MB|GB)/);
  await expect(page.getByTestId('status-Database').locator('dd')).toHaveText(/MB|GB/);
  await page.screenshot({ path: `${shots}/admin-status.png`, fullPage: true });

  // More events, no reload: the page reads the status again by itself and the totals move.
  await sendErrors(p.dsn, p.project.id, 5);
  await expect(async () => {
    const now = await chartTotals(page);
    expect(now.accepted).toBeGreaterThanOrEqual(first.accepted + 5);
    expect(now.stored).toBeGreaterThanOrEqual(first.stored + 5);
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText(String(SENT + 5));

  // A phone in dark mode, laid out afresh (no sidebar transition caught half way, no tooltip under the pointer).
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.mouse.move(0, 0);
  await page.reload();
  await expect(page.getByTestId('throughput-chart').locator('.recharts-line-curve')).toHaveCount(1);
  await page.screenshot({ path: `${shots}/admin-status-phone-dark.png`, fullPage: true });
});

test('the status page and its API are not there for other users', async ({ page }) => {
  const u = await makeUser();
  await signIn(page, u.email, u.password, '/');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status' })).toHaveCount(0);
  const r = await page.goto(process.env.FAULTLINE_TEST_URL + '/admin/status/');
  expect(r?.status()).toBe(404);
  const api = await page.request.get(process.env.FAULTLINE_TEST_URL + '/api/0/internal/status/');
  expect(api.status()).toBe(403);
});
