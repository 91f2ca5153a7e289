// Running the real sentry-cli binary against the test Faultline, with a throwaway HOME so no user config leaks in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../lib/cli/paths.ts';
import { baseUrl } from '../harness/fixtures.ts';

export const SENTRY_CLI = path.join(projectRoot, 'node_modules/@sentry/cli-linux-x64/bin/sentry-cli');
/** sentry-cli 2.58.5, what Sentry's bundler plugins (Vite, webpack, esbuild) still run; `@sentry/cli-2` alias. */
export const SENTRY_CLI_2 = path.join(
  projectRoot,
  'node_modules/@sentry/cli-2/node_modules/@sentry/cli-linux-x64/bin/sentry-cli',
);

const home = mkdtempSync(path.join(tmpdir(), 'faultline-sentrycli-'));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function sentryCli(
  args: string[],
  env: { token: string; org?: string; project?: string; cwd?: string; extra?: Record<string, string>; cli?: string },
): CliResult {
  const r = spawnSync(env.cli ?? SENTRY_CLI, args, {
    cwd: env.cwd ?? home,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      NODE_ENV: 'test',
      PATH: process.env.PATH,
      HOME: home,
      SENTRY_URL: baseUrl(),
      SENTRY_AUTH_TOKEN: env.token,
      ...(env.org ? { SENTRY_ORG: env.org } : {}),
      ...(env.project ? { SENTRY_PROJECT: env.project } : {}),
      SENTRY_DISABLE_UPDATE_CHECK: 'true',
      SENTRY_LOAD_DOTENV: '0',
      ...env.extra,
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** For assertion messages: everything the command printed. */
export const out = (r: CliResult) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
