// Keeping a directory user's Faultline record in step with the directory: profile, flags, org role and teams.
// Runs at every directory sign-in, so a changed group takes effect at the next login (the seed applied it once).
import type { Db } from '../../db.ts';
import { log } from '../../log.ts';
import { ensureTeam } from '../../teams/ensureTeam.ts';
import { slugify } from '../../slug.ts';
import type { DirectoryGrant } from './access.ts';
import { firstAttr, type DirectoryEntry } from './directory.ts';
import type { LdapSettings } from './settings.ts';

/** The directory entry's mail belongs to a local account: linking would hand that account to the directory. */
export class EmailTakenError extends Error {}

export interface DirectoryProfile {
  username: string;
  email: string;
  name: string;
}

export function profileOf(s: LdapSettings, entry: DirectoryEntry, typedUsername: string): DirectoryProfile {
  const username = firstAttr(entry, s.usernameField) ?? typedUsername;
  const domain = s.defaultEmailDomain ?? 'localhost';
  const email = (firstAttr(entry, s.mailField) ?? `${username}@${domain}`).trim().toLowerCase();
  return { username, email, name: firstAttr(entry, s.fullNameField) ?? username };
}

/** Creates or updates the managed user; returns it with the flags of this login. */
export async function upsertDirectoryUser(
  db: Db,
  entry: DirectoryEntry,
  profile: DirectoryProfile,
  grant: DirectoryGrant,
) {
  const existing =
    (await db.user.findUnique({ where: { username: profile.username } })) ??
    (await db.user.findFirst({ where: { ldapDn: entry.dn, isManaged: true } }));
  const byEmail = await db.user.findUnique({ where: { email: profile.email } });
  if (byEmail && byEmail.id !== existing?.id) {
    throw new EmailTakenError(
      `email ${profile.email} of ${entry.dn} already belongs to ` +
        `${byEmail.isManaged ? 'another directory' : 'a local'} account`,
    );
  }
  const data = {
    username: profile.username,
    email: profile.email,
    name: profile.name,
    ldapDn: entry.dn,
    isManaged: true,
    passwordHash: null,
    isActive: grant.isActive,
    isSuperuser: grant.isSuperuser,
    isStaff: grant.isStaff,
  };
  if (existing) return db.user.update({ where: { id: existing.id }, data });
  return db.user.create({ data });
}

/** LDAP_DEFAULT_SENTRY_ORGANIZATION by slug, then by name; created (slug from the name) when missing. */
async function defaultOrg(db: Db, slugOrName: string) {
  const org =
    (await db.organization.findUnique({ where: { slug: slugOrName } })) ??
    (await db.organization.findFirst({ where: { name: slugOrName }, orderBy: { id: 'asc' } }));
  if (org) return org;
  const slug = slugify(slugOrName);
  log.info('creating LDAP_DEFAULT_SENTRY_ORGANIZATION', { slug, name: slugOrName });
  return db.organization.upsert({ where: { slug }, update: {}, create: { slug, name: slugOrName } });
}

/** Sets the role in the default organization and the mapped teams from this login's groups. */
export async function syncOrganization(db: Db, s: LdapSettings, userId: number, grant: DirectoryGrant) {
  if (!s.defaultOrganization) return;
  const org = await defaultOrg(db, s.defaultOrganization);
  await db.membership.upsert({
    where: { orgId_userId: { orgId: org.id, userId } },
    update: { role: grant.role },
    create: { orgId: org.id, userId, role: grant.role },
  });
  for (const slug of grant.mappedTeams) {
    const team = await ensureTeam(db, org.id, slug);
    if (grant.teams.includes(slug)) {
      await db.teamMember.upsert({
        where: { teamId_userId: { teamId: team.id, userId } },
        update: {},
        create: { teamId: team.id, userId },
      });
    } else {
      // Only mapped teams are managed here; teams joined by hand in Faultline are left alone.
      await db.teamMember.deleteMany({ where: { teamId: team.id, userId } });
    }
  }
}
