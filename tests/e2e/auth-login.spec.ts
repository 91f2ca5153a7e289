// Signing in through the login page in a real browser: a directory (LDAP) user and a local user reach the home
// page; a wrong password shows an error. Starts its own slapd and a Faultline configured for it.
import { test, expect, type Page } from '@playwright/test';
import { fixtureDirectoryEnv, ldapGroup, startLdapStack, type LdapStack } from '../harness/ldapStack.ts';
import type { Stack } from '../harness/stack.ts';
import { createLocalUser } from '../../lib/users/users.ts';

const shots = 'tests/e2e/screenshots';
let ldap: LdapStack;
let stack: Stack;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ldap = await startLdapStack('e2eldap', (url) => ({
    ...fixtureDirectoryEnv(url),
    LDAP_DEFAULT_SENTRY_ORGANIZATION: 'example',
    LDAP_TEAM_MAPPING: JSON.stringify({ backend: [ldapGroup('devs')] }),
  }));
  stack = ldap.stack;
  await createLocalUser(ldap.prisma, {
    email: 'local.person@example.com',
    password: 'local password 1',
    name: 'Local Person',
  });
});

test.afterAll(async () => {
  await ldap?.stop();
});

async function signIn(page: Page, username: string, password: string) {
  await page.goto(stack.baseUrl + '/auth/login');
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('the login page', async ({ page }) => {
  await page.goto(stack.baseUrl + '/auth/login');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.screenshot({ path: `${shots}/auth-login.png` });
});

test('a wrong password shows an error on the page', async ({ page }) => {
  await signIn(page, 'alice', 'not-the-password');
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText(
    'Wrong username or password.',
  );
  await expect(page).toHaveURL(/\/auth\/login/);
  await page.screenshot({ path: `${shots}/auth-login-wrong-password.png` });
});

test('a directory (LDAP) user signs in and lands on the home page', async ({ page }) => {
  await signIn(page, 'alice', 'alice-password-1');
  await expect(page).toHaveURL(stack.baseUrl + '/');
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  await page.screenshot({ path: `${shots}/auth-home-ldap-user.png` });
  const session = await (await page.request.get(stack.baseUrl + '/api/auth/session')).json();
  expect(session.user.email).toBe('alice@example.org');
});

test('a local user signs in and lands on the home page', async ({ page }) => {
  await signIn(page, 'local.person@example.com', 'local password 1');
  await expect(page).toHaveURL(stack.baseUrl + '/');
  const session = await (await page.request.get(stack.baseUrl + '/api/auth/session')).json();
  expect(session.user.email).toBe('local.person@example.com');
});

test('a signed-in page sends strangers to the login page and back after signing in', async ({ page }) => {
  await page.goto(stack.baseUrl + '/settings/tokens');
  await expect(page).toHaveURL(/\/auth\/login/);
  await page.goto(stack.baseUrl + '/auth/login?callbackUrl=%2Fsettings%2Ftokens');
  await page.getByLabel('Username or email').fill('local.person@example.com');
  await page.getByLabel('Password').fill('local password 1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(stack.baseUrl + '/settings/tokens');
  await page.getByLabel('Name').fill('release script');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByTestId('new-token')).toHaveText(/^sntryu_[0-9a-f]{64}$/);
  await expect(page.getByRole('cell', { name: 'release script' })).toBeVisible();
  await page.screenshot({ path: `${shots}/auth-tokens.png`, fullPage: true });
});

test('a superuser sees the users and directory admin pages', async ({ page }) => {
  await signIn(page, 'alice', 'alice-password-1');
  await expect(page).toHaveURL(stack.baseUrl + '/');
  await page.goto(stack.baseUrl + '/admin/users');
  await expect(page.getByText('local.person@example.com')).toBeVisible();
  await page.getByLabel('Email').fill('invited.person@example.com');
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByTestId('temporary-password')).toBeVisible();
  await page.screenshot({ path: `${shots}/auth-admin-users.png`, fullPage: true });
  await page.goto(stack.baseUrl + '/admin/ldap');
  await page.getByLabel('Username').fill('bob');
  await page.getByRole('button', { name: 'Test' }).click();
  await expect(page.getByText('This user can sign in.')).toBeVisible();
  await page.screenshot({ path: `${shots}/auth-admin-ldap.png`, fullPage: true });
});

test('signing out returns to the login page', async ({ page }) => {
  await signIn(page, 'alice', 'alice-password-1');
  await expect(page).toHaveURL(stack.baseUrl + '/');
  await page.goto(stack.baseUrl + '/auth/logout');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/auth\/login/);
  const session = await (await page.request.get(stack.baseUrl + '/api/auth/session')).json();
  expect(session).toEqual({});
});
