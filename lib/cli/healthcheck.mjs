#!/usr/bin/env node
// Health check of a Faultline container (the image's HEALTHCHECK, the chart's worker liveness probe). It reads
// the container's command from PID 1: a web or ingest container is healthy when /_health/ answers 200 (which
// checks PostgreSQL and Redis itself); a worker or cron, which serves no port, when PostgreSQL and Redis accept
// connections.
// Plain JavaScript, so a check costs one node start and no TypeScript load.
import fs from 'node:fs';
import net from 'node:net';

const TIMEOUT_MS = 4000;
const args = fs.readFileSync('/proc/1/cmdline', 'utf8').split('\0');
const role = args[args.indexOf('run') + 1];

function reachable(url, defaultPort) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || defaultPort), timeout: TIMEOUT_MS });
    s.once('connect', () => (s.destroy(), resolve()));
    s.once('timeout', () => (s.destroy(), reject(new Error(`${u.hostname}:${u.port || defaultPort} timed out`))));
    s.once('error', (e) => reject(new Error(`${u.hostname}:${u.port || defaultPort}: ${e.message}`)));
  });
}

async function check() {
  if (role === 'web' || role === 'ingest') {
    const flag = args.indexOf('--port');
    const port = flag >= 0 ? args[flag + 1] : process.env.PORT || '9000';
    const r = await fetch(`http://127.0.0.1:${port}/_health/`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!r.ok) throw new Error(`/_health/ answered ${r.status}: ${await r.text()}`);
  } else if (role === 'worker' || role === 'cron') {
    await reachable(process.env.DATABASE_URL, 5432);
    await reachable(process.env.REDIS_URL || 'redis://127.0.0.1:6379', 6379);
  }
  // Anything else (a one-off upgrade or createuser) is healthy while it runs.
}

check().then(
  () => process.exit(0),
  (e) => {
    console.error(`unhealthy: ${e.message}`);
    process.exit(1);
  },
);
