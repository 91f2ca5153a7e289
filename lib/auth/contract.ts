// The /api/0 shapes of accounts and tokens: the user's API tokens, the superuser's user list and invites, the
// directory test. The route handlers build these today; the types are what the dashboard reads.
import type { Scope } from './scopes.ts';

export type { DirectoryTestReport } from './ldap/testSettings.ts';

/** `/api-tokens/`: the hint only; the token itself is shown once, at creation. */
export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  tokenLastCharacters: string;
  dateCreated: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface NewApiToken {
  id: string;
  token: string;
  name: string;
  scopes: Scope[];
}

/** `/users/` (superusers): never the password hash. */
export interface InstanceUser {
  id: string;
  email: string;
  username: string | null;
  name: string;
  isActive: boolean;
  isSuperuser: boolean;
  isStaff: boolean;
  isManaged: boolean;
  lastLogin: string | null;
  createdAt: string;
}

export interface InvitedUser {
  id: string;
  email: string;
  name: string;
  isSuperuser: boolean;
  /** Shown once, for the admin to pass on. */
  temporaryPassword: string;
}
