// Shared steps of the dashboard browser tests: sign in through the login page, send events with the real
// @sentry/node SDK, and wait until the worker has stored them.
import { waitFor as poll } from '../harness/wait.ts';
import { spawnSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { projectRoot } from '../../lib/cli/paths.ts';

export const shots = 'tests/e2e/screenshots';

export async function signIn(page: Page, email: string, password: string, path = '/') {
  await page.goto(process.env.FAULTLINE_TEST_URL + '/auth/login?callbackUrl=' + encodeURIComponent(path));
  await page.getByLabel(/^(Username or email|Email)$/).fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(process.env.FAULTLINE_TEST_URL + path);
}

/** Runs `body` as an ES module with `Sentry` initialised for `dsn`; fails the test if the script fails. */
export function runSentryNode(dsn: string, body: string, init = "release: 'shop@2.0.0', environment: 'production'") {
  const script = `
import * as Sentry from '@sentry/node';
Sentry.init({ dsn: process.argv[1], ${init}, defaultIntegrations: false });
${body}
await Sentry.flush(5000);
`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, dsn], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`@sentry/node script failed: ${r.stderr}`);
}

/** Like the harness's waitFor, but a browser test fails right there when the condition never holds. */
export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const v = await poll(fn, ok, ms, 250);
  if (!ok(v))
    throw new Error(
      `condition not met within ${ms} ms (last value ` +
        `${JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x))})`,
    );
  return v;
}

/** @sentry/browser 11 ships no CDN bundle in npm: its ESM build bundled into a classic script (`window.Sentry`). */
export async function sentryBrowserScript(): Promise<string> {
  const bundle = await build({
    stdin: { contents: "import * as Sentry from '@sentry/browser'; window.Sentry = Sentry;", resolveDir: projectRoot },
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
  });
  return bundle.outputFiles[0].text;
}
