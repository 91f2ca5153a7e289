// The issue list pages through the API's Link cursors: 30 issues are 25 + 5, every issue once, and back again.
import { test, expect } from '@playwright/test';
import { db } from '../../lib/db.ts';
import { makeProject, makeUser, uniqueSlug } from '../harness/fixtures.ts';
import { signIn, waitFor } from './support.ts';

test('Next and Previous walk the pages of the issue list', async ({ page }) => {
  const p = await makeProject({ org: uniqueSlug('pages'), project: uniqueSlug('api') });
  const u = await makeUser({ org: p.org.slug, role: 'member' });
  for (let i = 0; i < 30; i++) {
    const r = await fetch(
      `${process.env.FAULTLINE_TEST_URL}/api/${p.project.id}/store/?sentry_key=${p.key.publicKey}`,
      {
        method: 'POST',
        body: JSON.stringify({ message: `distinct problem ${i}`, fingerprint: [`problem-${i}`], level: 'error' }),
      },
    );
    expect(r.status).toBe(200);
  }
  await waitFor(
    () => db().issue.count({ where: { projectId: p.project.id } }),
    (n) => n === 30,
  );

  await signIn(page, u.email, u.password, `/organizations/${p.org.slug}/issues/?project=${p.project.id}`);
  const rows = page.getByTestId('issue-row');
  const ids = async () => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-issue-id')));
  await expect(rows).toHaveCount(25);
  const first = await ids();
  await expect(page.getByRole('button', { name: '← Previous' })).toBeDisabled();

  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(rows).toHaveCount(5);
  await expect(page).toHaveURL(/cursor=/);
  const second = await ids();
  expect(new Set([...first, ...second]).size).toBe(30);
  await expect(page.getByRole('button', { name: 'Next →' })).toBeDisabled();

  await page.getByRole('button', { name: '← Previous' }).click();
  await expect(rows).toHaveCount(25);
  expect(await ids()).toEqual(first);
});
