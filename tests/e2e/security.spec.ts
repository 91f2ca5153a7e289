// Issue 13 items 8 and 10 in a real browser: the Content-Security-Policy lets every page of the dashboard run
// (no CSP violation in the console, React hydrated, writes from the UI go through the cross-site check), and
// the pages refuse to be framed by another site.
import { test, expect, type ConsoleMessage } from '@playwright/test';
import { makeProject, makeUser } from '../harness/fixtures.ts';
import { shots, signIn } from './support.ts';

test('the dashboard works under the CSP; UI writes pass the cross-site check', async ({ page }) => {
  const problems: string[] = [];
  const watch = (m: ConsoleMessage) => {
    if (/Content.Security.Policy|Refused to (execute|load|apply|connect|frame)/i.test(m.text()))
      problems.push(m.text());
  };
  page.on('console', watch);
  page.on('pageerror', (e) => problems.push(String(e)));
  const p = await makeProject({ platform: 'javascript' });
  const u = await makeUser({ org: p.org.slug, role: 'owner' });
  await signIn(page, u.email, u.password);
  for (const path of [
    '/',
    `/organizations/${p.org.slug}/issues/`,
    '/settings/tokens',
    `/settings/${p.org.slug}/alerts/`,
  ])
    await page.goto(process.env.FAULTLINE_TEST_URL + path);
  // A write from the UI: the browser's own Origin and JSON body get through.
  await page.goto(process.env.FAULTLINE_TEST_URL + '/settings/tokens');
  await page.getByLabel('Name').fill('csp check');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByTestId('new-token')).toHaveText(/^sntryu_[0-9a-f]{64}$/);
  await page.screenshot({ path: `${shots}/security-csp-tokens.png`, fullPage: true });
  expect(problems).toEqual([]);
});

test('another site cannot frame Faultline', async ({ page }) => {
  const blocked: string[] = [];
  page.on('console', (m) => blocked.push(m.text()));
  // A page of another origin (about:blank via setContent) that frames the login page.
  await page.setContent(`<iframe id="f" src="${process.env.FAULTLINE_TEST_URL}/auth/login"></iframe>`);
  await page.waitForTimeout(1500);
  const frame = page.frames().find((f) => f.url().includes('/auth/login'));
  const framedText = frame ? await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
  expect(framedText).not.toContain('Sign in');
  expect(blocked.join('\n')).toMatch(/frame-ancestors|X-Frame-Options|Refused to (display|frame)/i);
});
