// Sentry's JSON shapes for users and organizations, as sentry-cli and the dashboard read them.
import type { Organization, User } from '../generated/prisma/client.ts';
import type { RoleName } from '../auth/roles.ts';
import { ROLE_SCOPES, SCOPES } from '../auth/scopes.ts';
import type { Organization as ApiOrganization, OrganizationDetail, User as ApiUser } from './contract.ts';

type UserFields = Pick<
  User,
  | 'id'
  | 'email'
  | 'name'
  | 'username'
  | 'isActive'
  | 'isManaged'
  | 'isSuperuser'
  | 'isStaff'
  | 'createdAt'
  | 'lastLogin'
> & {
  passwordHash?: string | null;
};

/**
 * Sentry's user shape (sentry-cli's `info` reads `email` and a string `id`). Local accounts sign in by email, which is
 * their username.
 */
export function serializeUser(u: UserFields): ApiUser {
  return {
    id: String(u.id),
    name: u.name || u.email,
    username: u.username ?? u.email,
    email: u.email,
    avatarUrl: null,
    isActive: u.isActive,
    isManaged: u.isManaged,
    hasPasswordAuth: !u.isManaged,
    isSuperuser: u.isSuperuser,
    isStaff: u.isStaff,
    dateJoined: u.createdAt.toISOString(),
    lastLogin: u.lastLogin?.toISOString() ?? null,
    has2fa: false,
    emails: [{ id: String(u.id), email: u.email, is_verified: true }],
    avatar: { avatarType: 'letter_avatar', avatarUuid: null },
  };
}

/** The scopes a principal holds in an organization: the role's, cut down to the token's, all for superusers. */
export function effectiveScopes(
  role: RoleName | null,
  isSuperuser: boolean,
  tokenScopes: ReadonlySet<string> | null,
): string[] {
  const base: readonly string[] = isSuperuser ? SCOPES : role ? [...ROLE_SCOPES[role]] : [];
  return base.filter((s) => !tokenScopes || tokenScopes.has(s)).sort();
}

/** Sentry's organization summary: every field sentry-cli's `Organization` struct requires is present. */
export function serializeOrg(o: Organization): ApiOrganization {
  return {
    id: String(o.id),
    slug: o.slug,
    name: o.name,
    dateCreated: o.createdAt.toISOString(),
    isEarlyAdopter: false,
    require2FA: false,
    requireEmailVerification: false,
    avatar: { avatarType: 'letter_avatar', avatarUuid: null },
    features: [],
    status: { id: 'active', name: 'active' },
    hasAuthProvider: false,
    allowMemberInvite: false,
    links: { organizationUrl: null, regionUrl: null },
  };
}

/** The detail adds what the principal may do there and the membership setting. */
export function serializeOrgDetail(o: Organization, role: RoleName | null, access: string[]): OrganizationDetail {
  return { ...serializeOrg(o), role, orgRole: role, access, openMembership: o.openMembership };
}
