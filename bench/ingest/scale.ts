// `npx tsx bench/ingest/scale.ts [ingest=2] [workers=2] [seconds=10]`: N `faultline run ingest` processes and M
// workers on this machine, the load split over the ingest ports; checks docs/scaling.md's capacity model.
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { envelopeBody } from './payload.ts';
import { load, MB, peakRss, pidOnPort, procStats } from './load.ts';

const [ingestCount, workerCount, seconds] = [2, 2, 10].map((d, i) => Number(process.argv[2 + i] ?? d));
const conns = 50;
const { compile } = await import('../../lib/cli/compiled.mjs');
await compile();
const { startStack, freePort } = await import('../../tests/harness/stack.ts');
const { projectRoot } = await import('../../lib/cli/paths.ts');
const { createDb } = await import('../../lib/db.ts');
const { ensureProject } = await import('../../lib/projects/setup.ts');
const stack = await startStack({
  name: 'bench_scale',
  workers: 0,
  env: { LOG_LEVEL: 'error', SPIKE_PROTECTION_FACTOR: '0' },
});
const children: ChildProcess[] = [];
const db = createDb(stack.databaseUrl, 2);
try {
  const p = await ensureProject(db, { org: 'bench', project: 'scale' });
  const bin = path.join(projectRoot, 'lib', 'cli', 'faultline.mjs');
  const ports: number[] = [];
  for (let i = 0; i < ingestCount; i++) {
    const port = await freePort();
    ports.push(port);
    const args = [bin, 'run', 'ingest', '--port', String(port), '--host', '127.0.0.1'];
    children.push(spawn(process.execPath, args, { env: stack.env, stdio: ['ignore', 'ignore', 'inherit'] }));
  }
  for (let i = 0; i < workerCount; i++) children.push(stack.startWorker());
  for (const port of ports) {
    while (
      !(await fetch(`http://127.0.0.1:${port}/_health/`).then(
        (r) => r.ok,
        () => false,
      ))
    )
      await new Promise((r) => setTimeout(r, 200));
  }
  const bodies = Array.from({ length: seconds * 5000 }, (_, i) => envelopeBody(i % 20));
  const q = `/api/${p.project.id}/envelope/?sentry_version=7&sentry_key=${p.key.publicKey}`;
  // Each ingest process gets its share of the connections and its own slice of the (distinct) events.
  const slice = Math.floor(bodies.length / ingestCount);
  // The servers themselves (children of the `faultline run ingest` supervisors) and the workers.
  const ingestPids = ports.map(pidOnPort);
  const workerPids = children.slice(ingestCount).map((c) => c.pid!);
  const cpu = (pids: number[]) => pids.reduce((s, pid) => s + procStats(pid).cpuSeconds, 0);
  const cpuBefore = { ingest: cpu(ingestPids), worker: cpu(workerPids) };
  const avgBefore = os.loadavg()[0].toFixed(1);
  const started = Date.now();
  const { result, peaks } = await peakRss(
    [...ingestPids, ...workerPids],
    Promise.all(
      ports.map((port, i) =>
        load(`http://127.0.0.1:${port}${q}`, bodies.slice(i * slice, (i + 1) * slice), seconds, conns / ingestCount),
      ),
    ),
  );
  const accepted = result.reduce((s, r) => s + r.accepted, 0);
  let counted = 0;
  while (Date.now() - started < seconds * 1000 + 60_000) {
    const sum = await db.issue.aggregate({ where: { projectId: p.project.id }, _sum: { eventCount: true } });
    counted = Number(sum._sum.eventCount ?? 0);
    if (counted >= accepted) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const storedAfter = (Date.now() - started) / 1000;
  const ingestCpu = cpu(ingestPids) - cpuBefore.ingest;
  const workerCpu = cpu(workerPids) - cpuBefore.worker;
  console.table([
    {
      ingest: ingestCount,
      workers: workerCount,
      'accepted ev/s': Math.round(accepted / seconds),
      'worst p99 ms': Math.round(Math.max(...result.map((r) => r.p99))),
      'non-2xx + errors': result.reduce((s, r) => s + r.nonOk + r.errors + r.timeouts, 0),
      'stored ev/s (start to last counted)': Math.round(counted / storedAfter),
      counted: `${counted}/${accepted}`,
      'ingest ev per CPU-s': Math.round(accepted / ingestCpu),
      'worker ev per CPU-s': Math.round(counted / workerCpu),
      'peak RSS MB per process': peaks.map((b) => Math.round(b / MB)).join(' '),
      'load avg before/after': `${avgBefore}/${os.loadavg()[0].toFixed(1)}`,
    },
  ]);
} finally {
  for (const c of children) c.kill('SIGTERM');
  await db.$disconnect();
  await stack.stop();
}
