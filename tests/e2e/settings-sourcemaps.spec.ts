// Project settings → Source maps in a real browser: bundles uploaded by the real sentry-cli are listed with their
// debug IDs, release, dist, files and size; an admin deletes one; a member's delete is refused.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { db } from '../../lib/db.ts';
import { makeProject, makeToken, makeUser } from '../harness/fixtures.ts';
import { out, sentryCli } from '../integration/sentrycli-support.ts';
import { runNodeApp } from './sourcemaps-support.ts';
import { shots, signIn, waitFor } from './support.ts';

/** Waits until the worker has stored the event (the API answers it). */
async function storedEvent(p: { org: { slug: string }; project: { slug: string } }, token: string, id: string) {
  const url = `${process.env.FAULTLINE_TEST_URL}/api/0/projects/${p.org.slug}/${p.project.slug}/events/${id}/`;
  const found = await waitFor(
    () =>
      fetch(url, { headers: { authorization: `Bearer ${token}` } }).then(
        (r) => r.ok,
        () => false,
      ),
    (ok) => ok,
    30_000,
  );
  expect(found).toBe(true);
}

const APP = path.join(import.meta.dirname, '../fixtures/sourcemaps/app/dist');

test('list uploaded source maps and delete one', async ({ page }) => {
  test.setTimeout(90_000);
  const p = await makeProject({ platform: 'javascript' });
  const admin = await makeUser({ org: p.org.slug, role: 'admin' });
  const token = await makeToken(admin.user.id, ['project:releases', 'event:read', 'org:read', 'project:read']);
  const env = { token, org: p.org.slug, project: p.project.slug };
  const dir = mkdtempSync(path.join(tmpdir(), 'faultline-sm-e2e-'));
  cpSync(APP, dir, { recursive: true });
  // --wait: both are stored when the page loads (assembly runs after the server's first answer).
  const release = sentryCli(['sourcemaps', 'upload', '--wait', '--release', 'web@2.1.0', '--dist', 'd1', dir], env);
  expect(release.code, out(release)).toBe(0);
  expect(sentryCli(['sourcemaps', 'inject', dir], env).code).toBe(0);
  const debug = sentryCli(['sourcemaps', 'upload', '--wait', dir], env);
  expect(debug.code, out(debug)).toBe(0);
  // A real @sentry/node error from the injected build: the worker resolves it with the debug-ID bundle and records
  // that bundle's last use.
  await storedEvent(p, env.token, runNodeApp(p.dsn, path.join(dir, 'app.min.js')));
  await waitFor(
    () => db().artifactBundle.findFirst({ where: { orgId: p.org.id, release: null } }),
    (b) => b?.lastUsedAt != null,
  );

  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, admin.email, admin.password, `/settings/${p.org.slug}/projects/${p.project.slug}/`);
  await page.getByRole('link', { name: 'Source maps' }).click();
  await expect(page.getByRole('heading', { name: 'Source maps' })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Uploaded source maps' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  // Newest first: the debug-ID upload, then the release upload.
  await expect(rows.nth(0)).toContainText('c67dcc76-9010-5534-8cdf-9157cfe2c624');
  await expect(rows.nth(1)).toContainText('web@2.1.0');
  await expect(rows.nth(1)).toContainText('d1');
  const lastUsed = (row: number) => rows.nth(row).getByRole('cell').nth(6);
  await expect(page.getByRole('columnheader', { name: 'Last used' })).toBeVisible();
  await expect(lastUsed(0)).not.toHaveText('never');
  await expect(lastUsed(0)).toHaveText(/now|minute/);
  await expect(lastUsed(1)).toHaveText('never');
  await rows.nth(1).getByText('2 files').click();
  await expect(rows.nth(1)).toContainText('~/app.min.js.map');
  await expect(rows.nth(1)).toContainText('source map');
  await page.screenshot({ path: `${shots}/settings-sourcemaps.png`, fullPage: true });

  page.once('dialog', (d) => d.accept());
  await rows.nth(1).getByRole('button', { name: 'Delete' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText('c67dcc76');
  expect(await db().artifactBundle.count({ where: { orgId: p.org.id } })).toBe(1);

  // A member sees the list, but deleting is refused with the API's reason.
  const member = await makeUser({ org: p.org.slug, role: 'member' });
  await page.context().clearCookies();
  await signIn(page, member.email, member.password, `/settings/${p.org.slug}/projects/${p.project.slug}/source-maps/`);
  await expect(rows).toHaveCount(1);
  page.once('dialog', (d) => d.accept());
  await rows.nth(0).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(/permission/)).toBeVisible();
  expect(await db().artifactBundle.count({ where: { orgId: p.org.id } })).toBe(1);
});
