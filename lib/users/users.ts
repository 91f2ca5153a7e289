// Local user accounts: creation with a hashed password and an organization membership.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import type { RoleName } from '../auth/roles.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import { ensureOrg } from '../orgs/ensureOrg.ts';

/** A reason the account cannot be created, worded for the person asking (CLI or admin page). */
export class UserError extends InvalidError {
  constructor(message: string) {
    super(null, message);
  }
}

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

/** What the admin page shows of a user: never the password hash. */
export const USER_PUBLIC_FIELDS = {
  id: true,
  email: true,
  username: true,
  name: true,
  isActive: true,
  isSuperuser: true,
  isStaff: true,
  isManaged: true,
  lastLogin: true,
  createdAt: true,
} as const;

/** Users by id, `limit` per page after the `afterId` cursor. */
export async function listUsers(db: Db, opts: { afterId?: number; limit: number; query?: string }) {
  const q = opts.query?.trim();
  return db.user.findMany({
    where: {
      ...(opts.afterId ? { id: { gt: opts.afterId } } : {}),
      ...(q
        ? {
            OR: [
              { email: { contains: q, mode: 'insensitive' } },
              { username: { contains: q, mode: 'insensitive' } },
              { name: { contains: q, mode: 'insensitive' } },
            ],
          }
        : {}),
    },
    orderBy: { id: 'asc' },
    take: opts.limit,
    select: USER_PUBLIC_FIELDS,
  });
}

/** A local account with a random temporary password, returned once for the admin to pass on. */
export async function inviteUser(
  db: Db,
  opts: { email: string; name?: string; superuser?: boolean; org?: string; role?: RoleName },
) {
  const temporaryPassword = randomBytes(12).toString('base64url');
  const user = await createLocalUser(db, { ...opts, password: temporaryPassword });
  return { user, temporaryPassword };
}

/** A user id from a URL segment; anything but a plain number is a user that does not exist. */
export function userIdFromParam(segment: string): number {
  if (!/^\d{1,12}$/.test(segment)) throw new NotFoundError();
  return Number(segment);
}

/** Enables or disables an account. Nobody disables their own account. */
export async function setUserActive(db: Db, actorId: number, userId: number, isActive: boolean) {
  if (userId === actorId && !isActive) throw new InvalidError('isActive', 'you cannot disable your own account');
  const r = await db.user.updateMany({ where: { id: userId }, data: { isActive } });
  if (r.count === 0) throw new NotFoundError();
  return db.user.findUniqueOrThrow({ where: { id: userId }, select: USER_PUBLIC_FIELDS });
}
