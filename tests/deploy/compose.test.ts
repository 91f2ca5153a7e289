// deploy/compose.yaml: the services the single-host install needs, wired so `--scale worker=N` works, and
// validated by a real Compose implementation's `config` where one is installed (Debian's docker-compose here).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const file = path.resolve(import.meta.dirname, '../../deploy/compose.yaml');
const compose = parse(fs.readFileSync(file, 'utf8'), { merge: true });

/** The first Compose that can print a resolved configuration: `docker compose`, then docker-compose. */
function composeCommand(): string[] | null {
  for (const cmd of [['docker', 'compose'], ['docker-compose']]) {
    if (spawnSync(cmd[0], [...cmd.slice(1), 'version'], { stdio: 'ignore' }).status === 0) return cmd;
  }
  return null;
}

describe('deploy/compose.yaml', () => {
  it('has PostgreSQL with a named volume, Redis, a one-shot upgrade, web and a scalable worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'redis', 'upgrade', 'web', 'worker']);
    expect(compose.services.postgres.volumes[0]).toMatch(/^postgres-data:/);
    expect(compose.volumes).toHaveProperty('postgres-data');
    expect(compose.services.upgrade.command).toEqual(['upgrade']);
    expect(compose.services.upgrade.restart).toBe('no');
    for (const role of ['web', 'worker']) {
      expect(compose.services[role].command).toEqual(['run', role]);
      expect(compose.services[role].depends_on.upgrade.condition).toBe('service_completed_successfully');
      expect(compose.services[role].read_only).toBe(true);
    }
    // A fixed name or host port would make a second worker replica collide.
    expect(compose.services.worker.container_name).toBeUndefined();
    expect(compose.services.worker.ports).toBeUndefined();
  });

  const cmd = composeCommand();
  if (!cmd)
    console.log('[compose] skipping `compose config`: neither `docker compose` nor docker-compose is installed');
  it.skipIf(!cmd)(
    'validates with `compose config`, and names the missing secret when .env lacks it',
    () => {
      // A copy beside its own .env, as the file expects deploy/.env next to it.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-compose-'));
      const copy = path.join(dir, 'compose.yaml');
      fs.copyFileSync(file, copy);
      const config = () => spawnSync(cmd![0], [...cmd!.slice(1), '-f', copy, 'config'], { encoding: 'utf8', cwd: dir });
      try {
        const env = path.join(dir, '.env');
        fs.writeFileSync(env, 'SECRET_KEY=0123456789abcdef0123456789abcdef\nPOSTGRES_PASSWORD=pw\n');
        const ok = config();
        expect(ok.status, ok.stderr).toBe(0);
        const resolved = parse(ok.stdout);
        expect(resolved.services.web.environment.DATABASE_URL).toBe('postgres://faultline:pw@postgres:5432/faultline');
        fs.writeFileSync(env, 'SECRET_KEY=0123456789abcdef0123456789abcdef\n');
        const missing = config();
        expect(missing.status).not.toBe(0);
        expect(missing.stderr).toContain('set POSTGRES_PASSWORD in deploy/.env');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
