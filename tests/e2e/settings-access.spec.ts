// Who sees what, changed from the settings pages: an owner changes a member's role, creates a team and gives it
// access to a project, then takes it away; each change is checked in the database.
import { test, expect } from '@playwright/test';
import { db } from '../../lib/db.ts';
import { makeProject, makeUser, uniqueSlug } from '../harness/fixtures.ts';
import { shots, signIn } from './support.ts';

test('an owner changes a role, creates a team and grants and revokes its project access', async ({ page }) => {
  const p = await makeProject({ org: uniqueSlug('acc'), project: uniqueSlug('web') });
  const owner = await makeUser({ org: p.org.slug, role: 'owner' });
  const member = await makeUser({ org: p.org.slug, role: 'member' });
  const membership = () => db().membership.findFirstOrThrow({ where: { orgId: p.org.id, userId: member.user.id } });

  await signIn(page, owner.email, owner.password, `/settings/${p.org.slug}/`);
  const row = page.getByTestId('member-row').filter({ hasText: member.email });
  await row.getByLabel(`Role of ${member.email}`).selectOption('admin');
  await expect.poll(async () => (await membership()).role).toBe('admin');

  const team = uniqueSlug('ops');
  await page.getByLabel('New team slug').fill(team);
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByTestId('team-row').filter({ hasText: team })).toBeVisible();
  await page.screenshot({ path: `${shots}/settings-access-org.png`, fullPage: true });

  await page.goto(`${process.env.FAULTLINE_TEST_URL}/settings/${p.org.slug}/projects/${p.project.slug}/`);
  const access = page.getByRole('region', { name: 'Team access' });
  await access.getByLabel('Team to add').selectOption(team);
  await access.getByRole('button', { name: 'Add team' }).click();
  await expect(access.locator('li', { hasText: `#${team}` })).toBeVisible();
  const linked = () => db().projectTeam.count({ where: { projectId: p.project.id, team: { slug: team } } });
  await expect.poll(linked).toBe(1);
  await page.screenshot({ path: `${shots}/settings-access-project.png`, fullPage: true });

  await access
    .locator('li', { hasText: `#${team}` })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect.poll(linked).toBe(0);
});

test('a member cannot raise their own role', async ({ page }) => {
  const p = await makeProject({ org: uniqueSlug('acc'), project: uniqueSlug('web') });
  await makeUser({ org: p.org.slug, role: 'owner' });
  const member = await makeUser({ org: p.org.slug, role: 'member' });
  await signIn(page, member.email, member.password, `/settings/${p.org.slug}/`);
  const select = page.getByTestId('member-row').filter({ hasText: member.email }).getByLabel(`Role of ${member.email}`);
  // Either the control is not offered, or the server refuses the change and it does not stick.
  if (await select.isEnabled()) {
    await select.selectOption('owner').catch(() => undefined);
    await expect(page.getByRole('alert')).toBeVisible();
  }
  const m = await db().membership.findFirstOrThrow({ where: { orgId: p.org.id, userId: member.user.id } });
  expect(m.role).toBe('member');
});
