// Starting Faultline's long-running parts (web, worker) as child processes and stopping them together.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from './paths.ts';

const require = createRequire(import.meta.url);

export function nextBin(): string {
  return path.join(path.dirname(require.resolve('next/package.json')), 'dist', 'bin', 'next');
}

export function spawnWeb(port: number, env: NodeJS.ProcessEnv, hostname = '0.0.0.0'): ChildProcess {
  // Run Next's own bin with node directly: an npx wrapper would leave next-server holding the port.
  return spawn(process.execPath, [nextBin(), 'start', '-p', String(port), '-H', hostname], {
    cwd: projectRoot,
    env: { ...env, NODE_ENV: 'production', PORT: String(port) },
    stdio: 'inherit',
  });
}

export function spawnWorker(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'workers', 'main.ts')], {
    cwd: projectRoot,
    env,
    stdio: 'inherit',
  });
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
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((r) => {
              if (c.exitCode !== null || c.signalCode !== null) return r();
              const t = setTimeout(() => c.kill('SIGKILL'), STOP_GRACE_MS);
              c.once('exit', () => (clearTimeout(t), r()));
            }),
        ),
      );
      await onStop?.();
      resolve(code);
    };
    process.once('SIGINT', () => void stop(0));
    process.once('SIGTERM', () => void stop(0));
    for (const c of children) c.once('exit', (code) => void stop(code ?? 1));
  });
}
