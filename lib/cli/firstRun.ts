// First start of a fresh install: an admin account and a first project, so there is something to sign in to.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db.ts';
import { createLocalUser } from '../users/users.ts';
import { ensureProject } from '../projects/setup.ts';
import { buildDsn } from '../projects/dsn.ts';
import { dataDir } from './paths.ts';

export async function bootstrapIfEmpty(db: Db, baseUrl: string): Promise<string[] | null> {
  if ((await db.user.count()) > 0) return null;
  const email = process.env.FAULTLINE_ADMIN_EMAIL ?? 'admin@example.com';
  const password = process.env.FAULTLINE_ADMIN_PASSWORD ?? randomBytes(9).toString('base64url');
  const { project, key } = await ensureProject(db, { org: 'default', project: 'my-project', platform: 'javascript' });
  await createLocalUser(db, { email, password, superuser: true, org: 'default', role: 'owner' });
  const lines = [
    `Sign in at ${baseUrl}/auth/login`,
    `  email:    ${email}`,
    `  password: ${password}`,
    `First project "default/my-project", DSN:`,
    `  ${buildDsn(baseUrl, key.publicKey, project.id)}`,
  ];
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'first-run.txt'), lines.join('\n') + '\n', { mode: 0o600 });
  return lines;
}
