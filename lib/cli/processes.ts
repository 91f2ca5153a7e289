// Starting Faultline's long-running parts (web, worker) as child processes and stopping them together.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { compiledEntry } from './compiled.mjs';
import { projectRoot } from './paths.ts';

const require = createRequire(import.meta.url);

export function nextBin(): string {
  return path.join(path.dirname(require.resolve('next/package.json')), 'dist', 'bin', 'next');
}

/** Node arguments that run an entry: its compiled build/ file when fresh, else its TypeScript through tsx. */
function entryArgs(name: 'server' | 'worker' | 'cron', source: string): string[] {
  const compiled = compiledEntry(name);
  return compiled ? [compiled] : ['--import', 'tsx', path.join(projectRoot, source)];
}

export type ServerRole = 'web' | 'ingest';

/** Node arguments of a web process (ingest + Next.js on one port) or an ingest-only process. */
export function serverArgs(role: ServerRole, port: number, hostname = '0.0.0.0'): string[] {
  return [...entryArgs('server', 'lib/server/main.ts'), role, '--port', String(port), '--host', hostname];
}

export function workerArgs(): string[] {
  return entryArgs('worker', 'workers/main.ts');
}

/** The image links .next/cache into /tmp (its root filesystem may be read-only), and /tmp starts empty. */
function ensureCacheLinkTarget(): void {
  const cache = path.join(projectRoot, '.next', 'cache');
  if (!fs.lstatSync(cache, { throwIfNoEntry: false })?.isSymbolicLink()) return;
  fs.mkdirSync(path.resolve(path.dirname(cache), fs.readlinkSync(cache)), { recursive: true });
}

export function spawnServer(
  role: ServerRole,
  port: number,
  env: NodeJS.ProcessEnv,
  hostname = '0.0.0.0',
): ChildProcess {
  ensureCacheLinkTarget();
  return spawn(process.execPath, serverArgs(role, port, hostname), {
    cwd: projectRoot,
    // HOSTNAME is also the container's name in Docker and Kubernetes: always set it to the listen address.
    env: { ...env, NODE_ENV: 'production', PORT: String(port), HOSTNAME: hostname },
    stdio: 'inherit',
  });
}

export function spawnWeb(port: number, env: NodeJS.ProcessEnv, hostname = '0.0.0.0'): ChildProcess {
  return spawnServer('web', port, env, hostname);
}

/** The worker (`main`), or only its scheduled jobs (`cron`). */
export function spawnWorker(env: NodeJS.ProcessEnv, entry: 'main' | 'cron' = 'main'): ChildProcess {
  const args = entry === 'main' ? workerArgs() : entryArgs('cron', 'workers/cron.ts');
  return spawn(process.execPath, args, { cwd: projectRoot, env, stdio: 'inherit' });
}

/** Kubernetes and Docker kill after 30 s by default; the web server gets most of that to finish in-flight
 * requests, a worker to commit its current batch. */
const STOP_GRACE_MS = 25_000;

/** Waits for children; on SIGINT/SIGTERM stops them all; exits when any child exits. */
export function superviseChildren(children: ChildProcess[], onStop?: () => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = async (code: number) => {
      if (stopping) return;
      stopping = true;
      for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
      let killed = false;
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((r) => {
              if (c.exitCode !== null || c.signalCode !== null) return r();
              const t = setTimeout(() => {
                const what = c.spawnargs.slice(1).join(' ');
                console.error(`[faultline] ${what} did not stop within ${STOP_GRACE_MS / 1000} s of SIGTERM; killed`);
                killed = true;
                c.kill('SIGKILL');
              }, STOP_GRACE_MS);
              c.once('exit', () => (clearTimeout(t), r()));
            }),
        ),
      );
      await onStop?.();
      // A kill may have cut requests or a batch short: say so in the exit status too.
      resolve(killed ? 1 : code);
    };
    process.once('SIGINT', () => void stop(0));
    process.once('SIGTERM', () => void stop(0));
    for (const c of children) c.once('exit', (code) => void stop(code ?? 1));
  });
}
