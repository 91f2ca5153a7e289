// Local user accounts: creation with a hashed password and an organization membership.
import type { Db } from '../db.ts';
import { hashPassword, passwordProblem } from './password.ts';
import type { RoleName } from './roles.ts';
import { ensureOrg } from '../projects/setup.ts';

export class UserError extends Error {}

const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;

export async function createLocalUser(
  db: Db,
  opts: { email: string; password: string; name?: string; superuser?: boolean; org?: string; role?: RoleName },
) {
  const email = opts.email.trim().toLowerCase();
  if (!EMAIL_RE.test(email)) throw new UserError(`"${opts.email}" is not an email address`);
  const problem = passwordProblem(opts.password, email);
  if (problem) throw new UserError(problem);
  if (await db.user.findUnique({ where: { email } })) throw new UserError(`a user with email ${email} already exists`);
  const passwordHash = await hashPassword(opts.password);
  const user = await db.user.create({
    data: { email, name: opts.name ?? '', passwordHash, isSuperuser: !!opts.superuser, isStaff: !!opts.superuser },
  });
  if (opts.org) {
    const org = await ensureOrg(db, opts.org);
    await db.membership.create({ data: { orgId: org.id, userId: user.id, role: opts.role ?? 'member' } });
    // Members join the org's default team (same slug as the org) so they see its projects.
    const team = await db.team.findUnique({ where: { orgId_slug: { orgId: org.id, slug: org.slug } } });
    if (team) await db.teamMember.create({ data: { teamId: team.id, userId: user.id } });
  }
  return user;
}
