// `npm test`: generate the Prisma client, typecheck, lint (eslint + prettier --check), build, then unit +
// integration tests and browser tests.
import { spawnSync } from 'node:child_process';

const steps = [
  ['prisma client', 'npx', ['prisma', 'generate']],
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npm', ['run', 'lint']],
  // The app and the compiled CLI, server and worker (build/), so the tests run what `npm start` runs.
  ['build', 'npm', ['run', 'build']],
  ['unit and integration tests', 'npx', ['vitest', 'run']],
  ['browser tests', 'npx', ['playwright', 'test']],
];

const only = process.argv.slice(2);
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) {
    console.error(`\n=== ${name} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}
console.log('\n=== all tests passed');
