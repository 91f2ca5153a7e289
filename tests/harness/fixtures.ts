// Test data: each test file makes its own org, project, key, users and tokens through lib/ (never raw SQL).
import { randomBytes } from 'node:crypto';
import { db, type Db } from '../../lib/db.ts';
import { ensureProject } from '../../lib/projects/setup.ts';
import { buildDsn } from '../../lib/projects/dsn.ts';
import { createLocalUser } from '../../lib/users/users.ts';
import { createApiToken, type Scope } from '../../lib/auth/apiTokens.ts';
import type { RoleName } from '../../lib/auth/roles.ts';

export const baseUrl = () => {
  const u = process.env.FAULTLINE_TEST_URL;
  if (!u) throw new Error('FAULTLINE_TEST_URL is not set: run integration tests through vitest --project integration');
  return u;
};

export function uniqueSlug(prefix: string) {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** `database` and `url`: another stack's (a test's own, see tests/integration/own-stack.ts); the shared one's else. */
interface Elsewhere {
  database?: Db;
  url?: string;
}

export async function makeProject(opts: { org?: string; project?: string; platform?: string } & Elsewhere = {}) {
  const r = await ensureProject(opts.database ?? db(), {
    org: opts.org ?? uniqueSlug('org'),
    project: opts.project ?? uniqueSlug('proj'),
    platform: opts.platform,
  });
  return { ...r, dsn: buildDsn(opts.url ?? baseUrl(), r.key.publicKey, r.project.id) };
}

export async function makeUser(
  opts: { org?: string; role?: RoleName; superuser?: boolean; password?: string } & Elsewhere = {},
) {
  const email = `${uniqueSlug('user')}@example.com`;
  const password = opts.password ?? 'correct horse battery';
  const user = await createLocalUser(opts.database ?? db(), {
    email,
    password,
    org: opts.org,
    role: opts.role,
    superuser: opts.superuser,
  });
  return { user, email, password };
}

export async function makeToken(userId: number, scopes?: Scope[], database: Db = db()) {
  return (await createApiToken(database, userId, { scopes })).token;
}
