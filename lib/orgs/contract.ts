// The /api/0 user, organization and member shapes (Sentry's, as sentry-cli and the dashboard read them).
import type { RoleName } from '../auth/roles.ts';

export interface LetterAvatar {
  avatarType: 'letter_avatar';
  avatarUuid: null;
}

export interface User {
  id: string;
  name: string;
  username: string;
  email: string;
  avatarUrl: null;
  isActive: boolean;
  isManaged: boolean;
  hasPasswordAuth: boolean;
  isSuperuser: boolean;
  isStaff: boolean;
  dateJoined: string;
  lastLogin: string | null;
  has2fa: boolean;
  emails: { id: string; email: string; is_verified: boolean }[];
  avatar: LetterAvatar;
}

/** Every field sentry-cli's `Organization` struct requires is present. */
export interface Organization {
  id: string;
  slug: string;
  name: string;
  dateCreated: string;
  isEarlyAdopter: boolean;
  require2FA: boolean;
  requireEmailVerification: boolean;
  avatar: LetterAvatar;
  features: string[];
  status: { id: string; name: string };
  hasAuthProvider: boolean;
  allowMemberInvite: boolean;
  links: { organizationUrl: null; regionUrl: null };
}

/** The detail adds what the principal may do there and the membership setting. */
export interface OrganizationDetail extends Organization {
  role: RoleName | null;
  orgRole: RoleName | null;
  access: string[];
  openMembership: boolean;
}

export interface Member {
  id: string;
  email: string;
  name: string;
  user: User;
  role: RoleName;
  orgRole: RoleName;
  roleName: string;
  pending: boolean;
  expired: boolean;
  inviteStatus: string;
  inviterName: null;
  dateCreated: string;
  flags: Record<string, boolean>;
  /** Slugs of the member's teams in this organization. */
  teams: string[];
  teamRoles: { teamSlug: string; role: null }[];
  /**
   * Faultline: the role (and mapped teams) of directory users in LDAP_DEFAULT_SENTRY_ORGANIZATION follow LDAP groups.
   */
  isDirectoryManaged: boolean;
}
