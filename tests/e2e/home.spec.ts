// The home page needs a session: strangers are sent to sign in, a signed-in user sees their projects.
import { test, expect } from '@playwright/test';
import { makeProject, makeUser } from '../harness/fixtures.ts';
import { signIn } from './support.ts';

test('home page asks strangers to sign in, then shows the projects', async ({ page }) => {
  const p = await makeProject({ platform: 'python' });
  const u = await makeUser({ org: p.org.slug, role: 'member' });
  await page.goto(process.env.FAULTLINE_TEST_URL + '/');
  await expect(page).toHaveURL(/\/auth\/login/);
  await signIn(page, u.email, u.password);
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  await expect(page.getByTestId(`project-${p.project.slug}`)).toBeVisible();
});
