// The compiled processes: the CLI, the web/ingest server, the worker and the cron bundled by esbuild into build/, so
// they run as plain JavaScript (no tsx transpiling at start, no TypeScript compiler in memory). Plain
// JavaScript itself, because `npm start` and the `faultline` launcher use it before anything is compiled.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Found by walking up: this module also runs bundled into build/ (the compiled CLI checks its own entries).
function findRoot(dir) {
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    if (path.dirname(dir) === dir) throw new Error('no package.json above the faultline command');
    dir = path.dirname(dir);
  }
  return dir;
}

const root = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const buildDir = path.join(root, 'build');
const entries = {
  cli: 'lib/cli/main.ts',
  server: 'lib/server/main.ts',
  worker: 'workers/main.ts',
  cron: 'workers/cron.ts',
};
const sourceDirs = ['lib', 'workers'];

/** Newest modification time of the files under `dirs` (node_modules and dot folders skipped). */
export function newestMtime(dirs) {
  let newest = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) if (fs.existsSync(d)) walk(d);
  return newest;
}

/**
 * The compiled file of an entry (`cli`, `server`, `worker`, `cron`), or null when there is none or the sources
 * changed after it was built: a checkout being edited then runs its TypeScript through tsx, never stale code.
 */
export function compiledEntry(name) {
  const file = path.join(buildDir, `${name}.mjs`);
  if (!fs.existsSync(file)) return null;
  const built = fs.statSync(file).mtimeMs;
  return built >= newestMtime(sourceDirs.map((d) => path.join(root, d))) ? file : null;
}

/** Bundles the entries with esbuild; npm packages stay external and load from node_modules. */
export async function compile() {
  const { build } = await import('esbuild');
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, src]) => [name, path.join(root, src)])),
    outdir: buildDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  fs.rmSync(buildDir, { recursive: true, force: true });
  await compile();
  console.log(`compiled ${Object.keys(entries).join(', ')} into ${path.relative(process.cwd(), buildDir) || '.'}`);
}
