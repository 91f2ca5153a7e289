// What each organization role may do, in Sentry's scope names. Tokens get at most their owner's role's scopes.
import type { Scope } from './apiTokens.ts';
import type { RoleName } from './roles.ts';

const member: Scope[] = ['org:read', 'project:read', 'project:releases', 'event:read', 'event:write', 'team:read', 'member:read', 'alerts:read'];
const admin: Scope[] = [...member, 'project:write', 'project:admin', 'event:admin', 'team:write', 'alerts:write'];
const manager: Scope[] = [...admin, 'org:write'];
const owner: Scope[] = [...manager];

export const ROLE_SCOPES: Record<RoleName, ReadonlySet<Scope>> = {
  member: new Set(member),
  admin: new Set(admin),
  manager: new Set(manager),
  owner: new Set(owner),
};
