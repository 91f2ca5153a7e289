// `npm start` on a fresh clone: installs dependencies and builds if needed, then runs `faultline start`.
// Plain JavaScript with no dependencies, because it runs before they are installed.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const say = (m) => console.log(`[faultline] ${m}`);

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[faultline] \`${cmd} ${args.join(' ')}\` failed`);
    process.exit(r.status ?? 1);
  }
}

function newestMtime(dir) {
  let newest = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'generated' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return newest;
}

if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  say('installing dependencies (first run)');
  sh('npm', [fs.existsSync(path.join(root, 'package-lock.json')) ? 'ci' : 'install']);
}
if (!fs.existsSync(path.join(root, 'lib', 'generated', 'prisma', 'client.ts'))) sh('npx', ['prisma', 'generate']);
const buildId = path.join(root, '.next', 'BUILD_ID');
const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
const sources = Math.max(...['app', 'components', 'lib', 'public'].map((d) => newestMtime(path.join(root, d))));
if (built < sources) {
  say('building the web app');
  sh('npx', ['next', 'build']);
}
// The CLI, web server, worker and cron run as compiled JavaScript (lib/cli/compiled.mjs needs esbuild, installed
// above).
const { compiledEntry } = await import('./compiled.mjs');
if (['cli', 'server', 'worker', 'cron'].some((entry) => !compiledEntry(entry))) {
  say('compiling the CLI, server, worker and cron');
  sh(process.execPath, [path.join(root, 'lib', 'cli', 'compiled.mjs')]);
}
const child = spawn(process.execPath, [path.join(root, 'lib', 'cli', 'faultline.mjs'), 'start'], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl-C reaches the whole process group; the child stops its own children and exits.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code) => process.exit(code ?? 0));
