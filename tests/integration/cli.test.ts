// The `faultline` command as an operator uses it, run as a real process against the test database.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { verifyPassword } from '../../lib/auth/password.ts';
import { hashToken } from '../../lib/auth/apiTokens.ts';
import { projectRoot } from '../../lib/cli/paths.ts';
import { freePort } from '../harness/stack.ts';
import { nextBin } from '../../lib/cli/processes.ts';
import { uniqueSlug } from '../harness/fixtures.ts';

const bin = path.join(projectRoot, 'lib', 'cli', 'faultline.mjs');

function faultline(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { env: process.env, encoding: 'utf8', timeout: 60_000 });
  const lines = r.stdout.trim().split('\n');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, last: lines[lines.length - 1] };
}

describe('faultline command', () => {
  it('prints help for every command and exits 0', () => {
    for (const cmd of ['upgrade', 'createuser', 'createproject', 'createtoken', 'run', 'start']) {
      const r = faultline(cmd, '--help');
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain(`faultline ${cmd}`);
    }
  });

  it('refuses wrong arguments with a one-line reason and a non-zero exit', () => {
    const unknown = faultline('createuser', '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(faultline('nosuchcommand').code).not.toBe(0);
    expect(faultline('createproject', '--org', 'x').stderr).toContain('--project is required');
    expect(faultline('createproject', '--org', 'Bad Slug', '--project', 'p').stderr).toContain('not a valid slug');
    expect(faultline('run', 'sideways').stderr).toContain('unknown part');
  });

  it('upgrade is idempotent', () => {
    const r = faultline('upgrade');
    expect(r.code, r.stderr).toBe(0);
    expect(r.last).toBe('database is up to date');
  });

  it('createuser stores a hashed password, refuses weak passwords and duplicates', async () => {
    const email = `${uniqueSlug('cli')}@example.com`;
    const org = uniqueSlug('cliorg');
    expect(faultline('createuser', '--email', email, '--password', '').code).toBe(2);
    expect(faultline('createuser', '--email', email, '--password', 'short').stderr).toContain('at least 8');
    const ok = faultline(
      'createuser',
      '--email',
      email,
      '--password',
      'a-good-password',
      '--org',
      org,
      '--role',
      'admin',
    );
    expect(ok.code, ok.stderr).toBe(0);
    const user = await db().user.findUniqueOrThrow({
      where: { email },
      include: { memberships: { include: { org: true } } },
    });
    expect(user.passwordHash).not.toContain('a-good-password');
    expect(await verifyPassword('a-good-password', user.passwordHash)).toBe(true);
    expect(user.memberships.map((m) => [m.org.slug, m.role])).toEqual([[org, 'admin']]);
    const dup = faultline('createuser', '--email', email.toUpperCase(), '--password', 'another-good-one');
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('already exists');
  });

  it('createproject prints the DSN last and createtoken prints a usable token last', async () => {
    const org = uniqueSlug('dsnorg');
    const r = faultline('createproject', '--org', org, '--project', 'backend', '--platform', 'python');
    expect(r.code, r.stderr).toBe(0);
    const project = await db().project.findFirstOrThrow({
      where: { slug: 'backend', org: { slug: org } },
      include: { keys: true },
    });
    expect(project.platform).toBe('python');
    const base = new URL(process.env.FAULTLINE_URL!);
    expect(r.last).toBe(`http://${project.keys[0].publicKey}@${base.host}/${project.id}`);
    // Running it again finds the project instead of failing or making a second key.
    expect(faultline('createproject', '--org', org, '--project', 'backend').last).toBe(r.last);

    const email = `${uniqueSlug('tok')}@example.com`;
    expect(faultline('createuser', '--email', email, '--password', 'a-good-password').code).toBe(0);
    const t = faultline('createtoken', '--email', email, '--scopes', 'project:read,event:read');
    expect(t.code, t.stderr).toBe(0);
    expect(t.last).toMatch(/^sntryu_[0-9a-f]{64}$/);
    const row = await db().apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(t.last) } });
    expect(row.scopes).toEqual(['project:read', 'event:read']);
    expect(faultline('createtoken', '--email', email, '--scopes', 'root:all').stderr).toContain('unknown scope');
    expect(faultline('createtoken', '--email', 'nobody@example.com').stderr).toContain('no user');
  });

  it('run web refuses to start without SECRET_KEY', () => {
    const env = { ...process.env };
    delete env.SECRET_KEY;
    const r = spawnSync(process.execPath, [bin, 'run', 'web', '--port', '1'], {
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('SECRET_KEY must be set');
  });
});

describe('GET /_health/ when a part is down', () => {
  it('answers 503 naming Redis when Redis does not answer', async () => {
    const port = await freePort();
    const deadRedis = await freePort();
    const web = spawn(process.execPath, [nextBin(), 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: projectRoot,
      env: { ...process.env, NODE_ENV: 'production', REDIS_URL: `redis://127.0.0.1:${deadRedis}` },
      stdio: 'ignore',
    });
    try {
      let r: Response | undefined;
      for (let i = 0; i < 100 && !r; i++) {
        r = await fetch(`http://127.0.0.1:${port}/_health/`).catch(() => undefined);
        if (!r) await new Promise((ok) => setTimeout(ok, 200));
      }
      expect(r?.status).toBe(503);
      expect(await r!.text()).toBe('unavailable: redis');
    } finally {
      web.kill('SIGKILL');
    }
  });
});
