#!/usr/bin/env node
// The container image's HEALTHCHECK. A web container is healthy when /_health/ answers 200 (database and
// Redis reachable); a worker container when its process is alive, which the runtime already knows: the
// supervisor exits when the worker does. Plain JavaScript so a check costs one node start, not a TypeScript load.
import fs from 'node:fs';

const args = fs.readFileSync('/proc/1/cmdline', 'utf8').split('\0');
const run = args.indexOf('run');
if (run < 0 || args[run + 1] !== 'web') process.exit(0);
const flag = args.indexOf('--port');
const port = flag >= 0 ? args[flag + 1] : process.env.PORT || '9000';
fetch(`http://127.0.0.1:${port}/_health/`, { signal: AbortSignal.timeout(4000) }).then(
  (r) => {
    if (!r.ok) console.error(`/_health/ answered ${r.status}`);
    process.exit(r.ok ? 0 : 1);
  },
  (e) => {
    console.error(`/_health/ did not answer: ${e.message}`);
    process.exit(1);
  },
);
