// The home page renders in a real browser.
import { test, expect } from '@playwright/test';

test('home page shows Faultline', async ({ page }) => {
  await page.goto(process.env.FAULTLINE_TEST_URL + '/');
  await expect(page.getByRole('heading', { name: 'Faultline' })).toBeVisible();
  await page.screenshot({ path: 'tests/e2e/screenshots/home.png' });
});
