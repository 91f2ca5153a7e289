// Admin → Dead letters: a superuser sees an event the worker could not store, with the reason, and discards it.
import { test, expect } from '@playwright/test';
import { Redis } from 'ioredis';
import { makeUser } from '../harness/fixtures.ts';
import { shots, signIn } from './support.ts';

test('a superuser sees a dead-lettered event with its error and discards it', async ({ page }) => {
  const marker = `broken-payload-${Date.now()}`;
  const r = new Redis(process.env.REDIS_URL!);
  try {
    await r.xadd(
      `${process.env.REDIS_PREFIX}events`,
      '*',
      'e',
      JSON.stringify({
        projectId: 7,
        keyId: 1,
        eventId: 'e'.repeat(32),
        receivedAt: new Date().toISOString(),
        payload: `${marker} <b>not json</b>`,
      }),
    );
  } finally {
    r.disconnect();
  }
  const admin = await makeUser({ superuser: true });
  await signIn(page, admin.email, admin.password, '/admin/dead-letters/');
  const row = page.getByTestId('dead-letter').filter({ hasText: marker });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(row).toContainText('is not valid JSON');
  // Payload text is shown as text, not markup.
  await expect(row).toContainText('<b>not json</b>');
  await page.screenshot({ path: `${shots}/admin-dead-letters.png`, fullPage: true });
  await row.getByRole('button', { name: 'Discard' }).click();
  await expect(row).toHaveCount(0);
});

test('the dead letters page is not there for other users', async ({ page }) => {
  const u = await makeUser();
  await signIn(page, u.email, u.password, '/');
  const r = await page.goto(process.env.FAULTLINE_TEST_URL + '/admin/dead-letters/');
  expect(r?.status()).toBe(404);
});
