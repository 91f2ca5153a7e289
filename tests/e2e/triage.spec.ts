// Triage at 3 a.m. in a real browser, with events from the real @sentry/node SDK: search finds a customer by any
// identity and says when a search is wrong, the box completes keys and values, status changes toast with Undo,
// breadcrumbs read as one line each, the events tab fits and searches, the Activity tab holds the conversation,
// the phone layout keeps its header and counts, login works when filled before hydration, and the small things
// (skip link, favicon, sidebar, menu keys, LDAP hint). axe finds no serious or critical violations.
// Screenshots (1280 px and 390 px, light and dark) go to tests/e2e/screenshots/triage-*.png.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { db } from '../../lib/db.ts';
import { makeProject, makeUser, uniqueSlug } from '../harness/fixtures.ts';
import { runSentryNode, shots, signIn, waitFor } from './support.ts';

let org: string;
let projectId: number;
let user: { email: string; password: string };
let checkoutId: number;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const p = await makeProject({ platform: 'node', org: uniqueSlug('triage'), project: uniqueSlug('checkout') });
  org = p.org.slug;
  projectId = p.project.id;
  user = await makeUser({ org, role: 'owner' });
  runSentryNode(
    p.dsn,
    `
Sentry.setUser({ id: '42', email: 'customer0_5@example.com', username: 'cust05' });
Sentry.addBreadcrumb({ type: 'navigation', category: 'navigation', data: { from: '/cart', to: '/checkout' } });
Sentry.addBreadcrumb({ type: 'http', category: 'http', data: { method: 'POST', url: 'https://payments.example.com/charge', status_code: 502 } });
Sentry.addBreadcrumb({ type: 'http', category: 'http', data: { method: 'GET', url: 'https://api.example.com/cart', status_code: 200 } });
Sentry.addBreadcrumb({ type: 'query', category: 'query', message: 'SELECT * FROM orders WHERE id = $1' });
Sentry.addBreadcrumb({ category: 'console', message: 'retrying charge', data: { attempt: 2 } });
const why = 'Payment gateway answered 502 for a very long while and the checkout could not complete the order';
function charge() { throw new Error(why); }
try { charge(); } catch (e) { Sentry.captureException(e); }
Sentry.setUser({ id: '77', email: 'someone@example.com' });
Sentry.captureMessage('search index stale', 'warning');
Sentry.captureMessage('coupon service slow', 'info');
`,
    "release: 'checkout-api@1.5.0', environment: 'production'",
  );
  const issues = await waitFor(
    () => db().issue.findMany({ where: { projectId: p.project.id } }),
    (rows) => rows.length === 3,
  );
  checkoutId = issues.find((i) => i.title.startsWith('Error: Payment gateway'))!.id;
});

async function shoot(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [w, h, label] of [
      [1280, 900, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${shots}/triage-${name}-${label}-${scheme}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function noSeriousViolations(page: Page) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const r = await new AxeBuilder({ page }).analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${scheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const issuesUrl = () => `/organizations/${org}/issues/?project=${projectId}`;
async function search(page: Page, q: string) {
  await page.getByLabel('Search issues').fill(q);
  await page.getByLabel('Search issues').press('Escape');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

test('search finds a customer by email though the SDK also sent an id, and says what is wrong with a search', async ({
  page,
}) => {
  await signIn(page, user.email, user.password, issuesUrl());
  const rows = page.getByTestId('issue-row');
  await expect(rows).toHaveCount(3);
  await search(page, 'user.email:customer0_5@example.com');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Payment gateway');
  await search(page, 'release:1.5.0 level:warning');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('search index stale');

  await search(page, 'level:eror');
  await expect(page.getByTestId('search-error')).toContainText('invalid value "eror" for "level"');
  await expect(rows).toHaveCount(0);
  await expect(page.getByText('No issues match')).toHaveCount(0);
  await shoot(page, 'search-error');
});

test('the search box completes keys and values with the keyboard', async ({ page }) => {
  await signIn(page, user.email, user.password, issuesUrl());
  const box = page.getByLabel('Search issues');
  await box.fill('');
  await box.pressSequentially('lev');
  await expect(page.getByRole('option', { name: 'level:' })).toBeVisible();
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(box).toHaveValue('level:');
  await box.pressSequentially('war');
  await expect(page.getByRole('option', { name: 'warning' })).toBeVisible();
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(box).toHaveValue('level:warning ');
  await box.pressSequentially('user.email:cust');
  await expect(page.getByRole('option', { name: 'customer0_5@example.com' })).toBeVisible();
  await page.getByRole('option', { name: 'customer0_5@example.com' }).click();
  await expect(box).toHaveValue('level:warning user.email:customer0_5@example.com ');
  await box.pressSequentially('release:');
  await expect(page.getByRole('option', { name: 'checkout-api@1.5.0' })).toBeVisible();
  await expect(page.getByRole('option', { name: 'latest' })).toBeVisible();
  await shoot(page, 'autocomplete');
});

test('resolving from the list toasts with Undo, which brings the issue back', async ({ page }) => {
  await signIn(page, user.email, user.password, issuesUrl());
  const rows = page.getByTestId('issue-row');
  await expect(rows).toHaveCount(3);
  const coupon = rows.filter({ hasText: 'coupon service slow' });
  await coupon.getByRole('checkbox').check();
  await page
    .getByRole('toolbar', { name: 'Bulk actions' })
    .getByRole('button', { name: 'Resolve', exact: true })
    .click();
  await expect(page.getByTestId('toast')).toContainText('Resolved');
  await expect(rows).toHaveCount(2);
  await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
  await expect(rows).toHaveCount(3);
  expect((await db().issue.findFirstOrThrow({ where: { projectId, title: 'coupon service slow' } })).status).toBe(
    'unresolved',
  );
});

test('breadcrumbs read as one line each, filter by type and text; the events tab fits and searches', async ({
  page,
}) => {
  await signIn(page, user.email, user.password, `/organizations/${org}/issues/${checkoutId}/`);
  const crumbs = page.getByTestId('breadcrumbs');
  await expect(
    crumbs.getByTestId('crumb').filter({ hasText: 'POST https://payments.example.com/charge [502]' }),
  ).toHaveCount(1);
  await expect(crumbs.getByTestId('crumb').filter({ hasText: '/cart → /checkout' })).toHaveCount(1);
  await expect(crumbs.getByTestId('crumb').filter({ hasText: 'SELECT * FROM orders' })).toHaveCount(1);
  await expect(crumbs).not.toContainText('null');
  await crumbs.getByLabel('Breadcrumb type').selectOption('http');
  await expect(crumbs.getByTestId('crumb')).toHaveCount(2);
  await crumbs.getByLabel('Breadcrumb type').selectOption('');
  await crumbs.getByLabel('Filter breadcrumbs').fill('retrying');
  await expect(crumbs.getByTestId('crumb')).toHaveCount(1);
  await crumbs.getByTestId('crumb').getByText('data').click();
  await expect(crumbs.getByTestId('crumb')).toContainText('"attempt": 2');
  await crumbs.getByLabel('Filter breadcrumbs').fill('');
  await shoot(page, 'issue');
  await noSeriousViolations(page);

  await page.getByRole('tab', { name: 'All events' }).click();
  const list = page.getByTestId('events-list');
  await expect(list.getByTestId('event-row')).toHaveCount(1);
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(fits).toBe(true);
  await expect(list.getByTestId('event-row')).toContainText('checkout-api@1.5.0');
  await expect(list.getByTestId('event-row')).toContainText('production');
  await list.getByLabel('Search events').fill('user.email:nobody@example.com');
  await list.getByRole('button', { name: 'Search' }).click();
  await expect(list.getByTestId('event-row')).toHaveCount(0);
  await expect(list).toContainText('No events of this issue match');
  await shoot(page, 'events');
});

test('the Activity tab holds comments with safe markdown and mentions, and status changes with who did them', async ({
  page,
}) => {
  const mate = await makeUser({ org, role: 'member' });
  await signIn(page, user.email, user.password, `/organizations/${org}/issues/${checkoutId}/?tab=activity`);
  await page
    .getByLabel(/^Comment/)
    .fill(
      `**Gateway** is down, see [status](https://status.example.com) <img src=x onerror=alert(1)>\n\n@${mate.email} can you look?`,
    );
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  const note = page.getByTestId('activity-item').filter({ hasText: 'commented' });
  await expect(note).toHaveCount(1);
  await expect(note.locator('strong', { hasText: 'Gateway' })).toBeVisible();
  await expect(note.getByRole('link', { name: 'status' })).toHaveAttribute('href', 'https://status.example.com');
  await expect(note).toContainText('<img src=x onerror=alert(1)>');
  await expect(note.locator('img')).toHaveCount(0);
  await expect(note.getByText(`@${mate.email}`)).toBeVisible();
  await page.getByRole('button', { name: 'Ignore ▾' }).click();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'for 30 minutes' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast')).toContainText('Ignored');
  await expect(page.getByTestId('activity-item').filter({ hasText: 'ignored the issue for 30 minutes' })).toHaveCount(
    1,
  );
  await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('activity-item').filter({ hasText: 'unresolved the issue' })).toHaveCount(1);
  await expect(page.getByTestId('activity-item').last()).toContainText('first saw the issue');
  await shoot(page, 'activity');
});

test('on a phone the header keeps its height, titles wrap to two lines, and every row shows count and users', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, user.email, user.password, issuesUrl());
  const rows = page.getByTestId('issue-row');
  await expect(rows).toHaveCount(3);
  const bar = await page.getByRole('button', { name: 'Open menu' }).locator('..').boundingBox();
  expect(bar!.height).toBeLessThan(70);
  for (const r of await rows.all()) {
    await expect(r.getByTestId('issue-count')).toBeVisible();
    await expect(r.getByTestId('issue-users')).toBeVisible();
  }
  const title = rows.filter({ hasText: 'Payment gateway' }).locator('a').first();
  const box = await title.boundingBox();
  const lineHeight = await title.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 21);
  expect(box!.height).toBeGreaterThan(lineHeight * 1.5);
  expect(box!.height).toBeLessThan(lineHeight * 2.5);
  // A short page: the bar must not stretch to fill the screen.
  await page.goto(
    `/organizations/${org}/issues/?project=${projectId}&query=${encodeURIComponent('nothing matches this')}`,
  );
  await expect(page.getByText(/No issues match|No unresolved issues/)).toBeVisible();
  const short = await page.getByRole('button', { name: 'Open menu' }).locator('..').boundingBox();
  expect(short!.height).toBeLessThan(70);
});

test('the list says which period each count covers; skip link, favicon, one sidebar entry per project', async ({
  page,
}) => {
  const missing: string[] = [];
  page.on('response', (r) => r.status() === 404 && missing.push(r.url()));
  await signIn(page, user.email, user.password, issuesUrl());
  await expect(page.getByText('Last 24 h', { exact: true })).toBeVisible();
  await expect(page.getByText('all time').first()).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect((await page.request.get(icon!)).status()).toBe(200);
  const slug = (await db().project.findUniqueOrThrow({ where: { id: projectId } })).slug;
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: slug, exact: true }),
  ).toHaveCount(1);
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: `${slug} settings` }),
  ).toHaveCount(1);
  await noSeriousViolations(page);
  expect(missing).toEqual([]);
  await shoot(page, 'issues');
});

test('settings pass the accessibility check', async ({ page }) => {
  await signIn(page, user.email, user.password, `/settings/${org}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await noSeriousViolations(page);
});

test('login works when a password manager fills the fields before the page hydrates', async ({ page }) => {
  // Hold the scripts back, fill the fields as a password manager does (value set, no input events), then let them run.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route('**/_next/static/chunks/**', async (route) => {
    await gate;
    await route.continue();
  });
  // The HTML (with the form) arrives while the held scripts keep the page from loading.
  await page.goto('/auth/login', { waitUntil: 'commit' });
  await page.locator('#password').waitFor({ state: 'attached' });
  await page.evaluate(
    ([email, password]) => {
      (document.getElementById('username') as HTMLInputElement).value = email;
      (document.getElementById('password') as HTMLInputElement).value = password;
    },
    [user.email, user.password],
  );
  release();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await noSeriousViolations(page);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(process.env.FAULTLINE_TEST_URL + '/');
});

test('the LDAP test page says why Test is disabled', async ({ page }) => {
  const admin = await makeUser({ superuser: true });
  await signIn(page, admin.email, admin.password, '/admin/ldap');
  await expect(page.getByRole('button', { name: 'Test' })).toBeDisabled();
  await expect(page.getByTestId('ldap-test-hint')).toHaveText('Enter a username to test.');
  await page.getByLabel('Username').fill('alice');
  await expect(page.getByRole('button', { name: 'Test' })).toBeEnabled();
});

test('a new project’s DSN page waits for the first event; Send a test event sends one through ingest', async ({
  page,
}) => {
  await signIn(page, user.email, user.password);
  await page.goto('/');
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByRole('radio', { name: 'Node.js' }).check();
  await page.getByLabel('Project name').fill('Onboarding Demo');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/\/projects\/onboarding-demo\/$/);
  const box = page.getByTestId('first-event');
  await expect(box).toContainText('Waiting for your first event…');
  await shoot(page, 'onboarding-waiting');
  await box.getByRole('button', { name: 'Send a test event' }).click();
  const link = box.getByRole('link', { name: /^Open ONBOARDING-DEMO-1/ });
  await expect(link).toBeVisible({ timeout: 20_000 });
  await link.click();
  await expect(page.getByTestId('issue-title')).toContainText(
    'This is a test event sent from the Faultline project page',
  );
});
