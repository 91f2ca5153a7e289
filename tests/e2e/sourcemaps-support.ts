// The source-mapped test app of the captures (runCheckout → checkout → applyDiscount, which throws), built with the
// real esbuild, injected and uploaded with the real sentry-cli, and run under the real @sentry/node.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { projectRoot } from '../../lib/cli/paths.ts';
import { sentryCli, out, type CliResult } from '../integration/sentrycli-support.ts';

/** Where each original line of the app lands: what every resolved event must show, innermost frame last. */
export const ORIGINAL_FRAMES = [
  { function: 'runCheckout', file: 'index.js', lineNo: 4, colNo: 10 },
  { function: 'checkout', file: 'cart.js', lineNo: 5, colNo: 22 },
  { function: 'applyDiscount', file: 'pricing.js', lineNo: 10, colNo: 11 },
];

/** A copy of the app's sources in a fresh directory (sentry-cli inject rewrites files in place). */
export function appDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'faultline-smapp-'));
  cpSync(path.join(projectRoot, 'tests/fixtures/sourcemaps/app/src'), path.join(dir, 'src'), { recursive: true });
  return dir;
}

/**
 * Minified with a map, as the captures were: ESM for Node, an IIFE (`App` global) for browsers. `sourcesContent:
 * false` leaves the original sources out of the map (a common setting to keep maps small).
 */
export async function buildApp(
  dir: string,
  target: 'node' | 'browser',
  opts: { sourcesContent?: boolean } = {},
): Promise<string> {
  const outfile = path.join(dir, target === 'node' ? 'dist/app.min.js' : 'out/assets/app.min.js');
  await build({
    entryPoints: [path.join(dir, 'src/index.js')],
    bundle: true,
    minify: true,
    sourcemap: true,
    sourcesContent: opts.sourcesContent ?? true,
    outfile,
    ...(target === 'node' ? { format: 'esm', platform: 'node' } : { format: 'iife', globalName: 'App' }),
    logLevel: 'silent',
  });
  return path.dirname(outfile);
}

function ok(r: CliResult): CliResult {
  if (r.code !== 0) throw new Error(`sentry-cli failed: ${out(r)}`);
  return r;
}

export function inject(dir: string): CliResult {
  return ok(sentryCli(['sourcemaps', 'inject', dir], { token: 'unused' }));
}

/** With --wait: the bundle is stored when this returns (assembly runs after the server's first answer). */
export function upload(dir: string, env: { token: string; org: string; project: string }, args: string[] = []) {
  return ok(sentryCli(['sourcemaps', 'upload', '--wait', ...args, dir], env));
}

/** Runs the built app under @sentry/node, captures the thrown error, and returns the event ID the SDK sent. */
export function runNodeApp(dsn: string, script: string, init: { release?: string; dist?: string } = {}): string {
  const code = `
import * as Sentry from '@sentry/node';
Sentry.init({ dsn: process.argv[1], release: ${JSON.stringify(init.release)}, dist: ${JSON.stringify(init.dist)} });
const { runCheckout } = await import(${JSON.stringify(pathToFileURL(script).href)});
let id;
try { runCheckout('BOGUS'); } catch (e) { id = Sentry.captureException(e); }
await Sentry.flush(5000);
console.log(id);
`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code, dsn], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`@sentry/node app failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').pop()!;
}
