// A throwaway OpenLDAP (Debian's slapd) for LDAP tests: own config and data in a temp dir, a spare loopback port,
// seeded from an LDIF fixture with ldapadd (so the memberof overlay fills memberOf as on a real server).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './stack.ts';

const run = promisify(execFile);

export const LDAP_SUFFIX = 'dc=example,dc=org';
export const LDAP_ROOT_DN = `cn=admin,${LDAP_SUFFIX}`;
const ROOT_PASSWORD = 'root-secret-for-tests';

export interface Slapd {
  url: string;
  port: number;
  /** Applies an LDIF change (ldapmodify as the root DN). */
  modify(ldif: string): Promise<void>;
  /** Stops the server but keeps its data: the "directory is down" case. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops the server and deletes its directory. */
  destroy(): Promise<void>;
}

export function slapdAvailable(): boolean {
  return existsSync('/usr/sbin/slapd') && existsSync('/usr/bin/ldapadd');
}

function config(dir: string, rootHash: string) {
  return `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload memberof
pidfile ${dir}/slapd.pid
argsfile ${dir}/slapd.args

database mdb
suffix "${LDAP_SUFFIX}"
rootdn "${LDAP_ROOT_DN}"
rootpw ${rootHash}
directory ${dir}/data
access to attrs=userPassword by self write by anonymous auth by * none
access to * by self read by users read by * none
overlay memberof
memberof-group-oc groupOfUniqueNames
memberof-member-ad uniqueMember
memberof-refint TRUE
`;
}

async function waitReady(url: string, child: ChildProcess) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}`);
    try {
      await run('ldapsearch', ['-x', '-H', url, '-b', '', '-s', 'base', '-LLL', 'namingContexts']);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`slapd at ${url} did not answer in 15 s`);
}

async function ldapTool(tool: 'ldapadd' | 'ldapmodify', url: string, ldif: string) {
  const child = execFile(tool, ['-x', '-H', url, '-D', LDAP_ROOT_DN, '-w', ROOT_PASSWORD]);
  const done = new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} failed (${code}): ${err}`))));
  });
  child.stdin?.end(ldif);
  await done;
}

/** Starts slapd seeded with the LDIF text; call destroy() in afterAll. */
export async function startSlapd(seedLdif: string): Promise<Slapd> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'faultline-slapd-'));
  await mkdir(path.join(dir, 'data'));
  const { stdout: rootHash } = await run('slappasswd', ['-s', ROOT_PASSWORD]);
  const conf = path.join(dir, 'slapd.conf');
  await writeFile(conf, config(dir, rootHash.trim()));
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async () => {
    // -d 0 keeps slapd in the foreground, so it is our child and dies with a SIGTERM from stop().
    child = spawn('/usr/sbin/slapd', ['-f', conf, '-h', `${url}/`, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr?.on('data', (d) => (err = (err + d).slice(-2000)));
    try {
      await waitReady(url, child);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${err}`);
    }
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 5000).unref();
    });
  };

  await start();
  await ldapTool('ldapadd', url, seedLdif);
  return {
    url,
    port,
    modify: (ldif) => ldapTool('ldapmodify', url, ldif),
    stop,
    restart: start,
    async destroy() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
