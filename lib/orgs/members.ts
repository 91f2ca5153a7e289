// Organization members: list, add an existing user with a role, change the role or teams, remove.
// Guards Sentry's rules: nobody grants a role above their own, and the last owner stays.
import type { Db } from '../db.ts';
import type { Organization } from '../generated/prisma/client.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors.ts';
import { roleAtLeast, type RoleName } from '../auth/roles.ts';
import type { Principal } from '../auth/access.ts';
import { ldapSettings, type LdapSettings } from '../auth/ldap/settings.ts';
import { serializeUser } from './serialize.ts';
import type { Member } from './contract.ts';

/** Include for membership queries: the user and their teams in the same organization. */
const memberInclude = (orgId: number) =>
  ({
    user: { include: { teams: { where: { team: { orgId } }, include: { team: { select: { slug: true } } } } } },
  }) as const;

type MemberRow = Awaited<ReturnType<typeof findMember>>;

export function serializeMember(m: MemberRow): Member {
  const teams = m.user.teams.map((t) => t.team.slug).sort();
  return {
    id: String(m.id),
    email: m.user.email,
    name: m.user.name || m.user.email,
    user: serializeUser(m.user),
    role: m.role,
    orgRole: m.role,
    roleName: m.role[0].toUpperCase() + m.role.slice(1),
    pending: false,
    expired: false,
    inviteStatus: 'approved',
    inviterName: null,
    dateCreated: m.createdAt.toISOString(),
    flags: { 'sso:linked': false, 'member-limit:restricted': false },
    teams,
    teamRoles: teams.map((teamSlug) => ({ teamSlug, role: null })),
    // Faultline: the role (and mapped teams) of directory users in LDAP_DEFAULT_SENTRY_ORGANIZATION follow LDAP groups.
    isDirectoryManaged: m.user.isManaged,
  };
}

export function listMembers(db: Db, orgId: number, offset: number, take: number, teamId?: number) {
  return db.membership.findMany({
    where: { orgId, ...(teamId ? { user: { teams: { some: { teamId } } } } : {}) },
    include: memberInclude(orgId),
    orderBy: [{ user: { email: 'asc' } }, { id: 'asc' }],
    skip: offset,
    take,
  });
}

/** A membership by id, or `me` for the caller's own; another org's membership is not found. */
export async function findMember(db: Db, orgId: number, memberId: string, p?: Principal) {
  const where =
    memberId === 'me' && p
      ? { orgId_userId: { orgId, userId: p.user.id } }
      : /^\d{1,12}$/.test(memberId)
        ? { id: Number(memberId) }
        : null;
  const m = where ? await db.membership.findUnique({ where, include: memberInclude(orgId) }) : null;
  if (!m || m.orgId !== orgId) throw new NotFoundError();
  return m;
}

function settings(): LdapSettings | null {
  try {
    return ldapSettings();
  } catch {
    return null;
  }
}

/** Whether LDAP sign-in rewrites this user's role in this organization (see lib/auth/ldap/syncUser.ts). */
export function directoryManagedRole(org: Organization, user: { isManaged: boolean }, s = settings()): boolean {
  const d = s?.defaultOrganization;
  return !!d && user.isManaged && (org.slug === d || org.name === d);
}

function refuseDirectoryManaged(org: Organization, user: { isManaged: boolean }, what: string) {
  if (directoryManagedRole(org, user)) {
    throw new InvalidError(
      what,
      `this member's role in ${org.slug} is set from LDAP groups at every sign-in (LDAP_GROUP_ROLE_MAPPING); ` +
        `change their groups instead`,
    );
  }
}

/** Nobody grants (or changes someone holding) a role above their own; superusers may. */
function checkGrant(actorRole: RoleName | null, p: Principal, role: RoleName) {
  if (p.user.isSuperuser) return;
  if (!actorRole || !roleAtLeast(actorRole, role))
    throw new ForbiddenError(`You cannot grant the ${role} role (yours is ${actorRole ?? 'none'}).`);
}

async function keepAnOwner(db: Db, orgId: number, membershipId: number) {
  const others = await db.membership.count({ where: { orgId, role: 'owner', id: { not: membershipId } } });
  if (others === 0) throw new InvalidError(null, 'An organization must keep at least one owner.');
}

async function setTeams(db: Db, orgId: number, userId: number, slugs: string[]) {
  const teams = await db.team.findMany({ where: { orgId, slug: { in: slugs } } });
  const missing = slugs.filter((s) => !teams.some((t) => t.slug === s));
  if (missing.length) throw new InvalidError('teams', `no team ${missing.join(', ')} in this organization`);
  await db.$transaction([
    db.teamMember.deleteMany({ where: { userId, team: { orgId }, teamId: { notIn: teams.map((t) => t.id) } } }),
    ...teams.map((t) =>
      db.teamMember.upsert({
        where: { teamId_userId: { teamId: t.id, userId } },
        update: {},
        create: { teamId: t.id, userId },
      }),
    ),
  ]);
}

export async function addMember(
  db: Db,
  org: Organization,
  actor: { p: Principal; role: RoleName | null },
  opts: { email: string; role: RoleName; teams?: string[] },
) {
  checkGrant(actor.role, actor.p, opts.role);
  const user = await db.user.findUnique({ where: { email: opts.email.trim().toLowerCase() } });
  if (!user)
    throw new InvalidError(
      'email',
      `no Faultline account has the email ${opts.email}; create it first (faultline createuser or /admin/users)`,
    );
  if (await db.membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId: user.id } } })) {
    throw new ConflictError(`${opts.email} is already a member of ${org.slug}`);
  }
  const m = await db.membership.create({ data: { orgId: org.id, userId: user.id, role: opts.role } });
  if (opts.teams) await setTeams(db, org.id, user.id, opts.teams);
  return findMember(db, org.id, String(m.id));
}

export async function updateMember(
  db: Db,
  org: Organization,
  actor: { p: Principal; role: RoleName | null },
  m: MemberRow,
  changes: { role?: RoleName; teams?: string[] },
) {
  if (changes.role !== undefined && changes.role !== m.role) {
    refuseDirectoryManaged(org, m.user, 'role');
    checkGrant(actor.role, actor.p, m.role as RoleName);
    checkGrant(actor.role, actor.p, changes.role);
    if (m.role === 'owner') await keepAnOwner(db, org.id, m.id);
    await db.membership.update({ where: { id: m.id }, data: { role: changes.role } });
  }
  if (changes.teams) await setTeams(db, org.id, m.userId, changes.teams);
  return findMember(db, org.id, String(m.id));
}

export async function removeMember(
  db: Db,
  org: Organization,
  actor: { p: Principal; role: RoleName | null },
  m: MemberRow,
) {
  refuseDirectoryManaged(org, m.user, 'membership');
  if (m.userId !== actor.p.user.id) checkGrant(actor.role, actor.p, m.role as RoleName);
  if (m.role === 'owner') await keepAnOwner(db, org.id, m.id);
  await db.$transaction([
    db.teamMember.deleteMany({ where: { userId: m.userId, team: { orgId: org.id } } }),
    db.membership.delete({ where: { id: m.id } }),
  ]);
}

/** LDAP_TEAM_MAPPING teams of a directory user in the default organization are re-synced at every sign-in. */
export function directoryManagedTeam(
  org: Organization,
  user: { isManaged: boolean },
  teamSlug: string,
  s = settings(),
): boolean {
  return directoryManagedRole(org, user, s) && !!s && teamSlug in s.teamMapping;
}

/** Throws invalid when the member's place in the team is set from LDAP groups (it would be undone at sign-in). */
export function requireTeamNotDirectoryManaged(
  org: Organization,
  user: { isManaged: boolean },
  teamSlug: string,
): void {
  if (directoryManagedTeam(org, user, teamSlug)) {
    throw new InvalidError(
      'team',
      `membership of ${teamSlug} is set from LDAP groups at every sign-in (LDAP_TEAM_MAPPING)`,
    );
  }
}
