// Throwaway Redis and PostgreSQL servers a fault test may stop, freeze or wipe; never the machine's shared ones.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './stack.ts';

async function until(ok: () => Promise<boolean>, ms: number, what: string) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not happen in ${ms} ms`);
}

/** A redis-server without persistence on a free port: a restart comes back empty, as after a crash without AOF. */
export class ThrowawayRedis {
  private proc?: ChildProcess;
  private constructor(readonly port: number) {}

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<ThrowawayRedis> {
    const r = new ThrowawayRedis(await freePort());
    await r.restart();
    return r;
  }

  /** Starts the server (again, empty) on the same port. */
  async restart(): Promise<void> {
    await this.stop();
    this.proc = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await until(
      async () => {
        const c = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null }).on(
          'error',
          () => undefined,
        );
        try {
          await c.connect();
          return (await c.ping()) === 'PONG';
        } finally {
          c.disconnect();
        }
      },
      10_000,
      `redis-server on ${this.port} to answer`,
    );
  }

  /** SIGKILL: the data is gone, the port refuses connections. */
  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = undefined;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    await new Promise<void>((ok) => {
      p.once('exit', () => ok());
      p.kill('SIGCONT');
      p.kill('SIGKILL');
    });
  }

  /** SIGSTOP: connections stay open, nothing answers. */
  freeze() {
    this.proc?.kill('SIGSTOP');
  }

  thaw() {
    this.proc?.kill('SIGCONT');
  }

  client(): Redis {
    return new Redis(this.url, { maxRetriesPerRequest: 1 }).on('error', () => undefined);
  }
}

const PG_BIN = (() => {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.length ? path.join(base, versions[0], 'bin') : '';
})();

/** A PostgreSQL cluster in a temp dir on a free port, run as the `postgres` OS user (trust auth). */
export class ThrowawayPostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static available(): boolean {
    return !!PG_BIN && fs.existsSync(path.join(PG_BIN, 'initdb'));
  }

  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private run(cmd: string, args: string[]) {
    const r = spawnSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, cmd), ...args], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  }

  static async create(): Promise<ThrowawayPostgres> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-pg-'));
    fs.chmodSync(dir, 0o777);
    const pg = new ThrowawayPostgres(path.join(dir, 'data'), await freePort());
    pg.run('initdb', ['-D', pg.dir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    await pg.start();
    return pg;
  }

  async start(): Promise<void> {
    this.run('pg_ctl', [
      '-D',
      this.dir,
      '-l',
      path.join(this.dir, '..', 'log'),
      '-w',
      '-o',
      `-p ${this.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  }

  /** A fast shutdown: sessions are cut, new connections are refused. */
  async stop(): Promise<void> {
    this.run('pg_ctl', ['-D', this.dir, '-m', 'fast', '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    try {
      await this.stop();
    } catch {
      /* already stopped */
    }
    fs.rmSync(path.dirname(this.dir), { recursive: true, force: true });
  }
}
