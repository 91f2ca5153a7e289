// Sentry's scope names, and what each organization role may do. Tokens get at most their owner's role's scopes.
import type { RoleName } from './roles.ts';

/** Sentry's scopes that Faultline understands. */
export const SCOPES = [
  'org:read',
  'org:write',
  'org:admin',
  'project:read',
  'project:write',
  'project:admin',
  'project:releases',
  'event:read',
  'event:write',
  'event:admin',
  'team:read',
  'team:write',
  'team:admin',
  'member:read',
  'member:write',
  'member:admin',
  'alerts:read',
  'alerts:write',
] as const;
export type Scope = (typeof SCOPES)[number];

export const DEFAULT_SCOPES: Scope[] = [
  'org:read',
  'project:read',
  'project:write',
  'project:releases',
  'event:read',
  'event:write',
  'event:admin',
  'team:read',
  'member:read',
];

const member: Scope[] = [
  'org:read',
  'project:read',
  'project:releases',
  'event:read',
  'event:write',
  'team:read',
  'member:read',
  'alerts:read',
];
const admin: Scope[] = [
  ...member,
  'project:write',
  'project:admin',
  'event:admin',
  'team:write',
  'team:admin',
  'alerts:write',
];
// As in Sentry: managers manage people; only owners administer the organization itself.
const manager: Scope[] = [...admin, 'org:write', 'member:write', 'member:admin'];
const owner: Scope[] = [...manager, 'org:admin'];

export const ROLE_SCOPES: Record<RoleName, ReadonlySet<Scope>> = {
  member: new Set(member),
  admin: new Set(admin),
  manager: new Set(manager),
  owner: new Set(owner),
};

/**
 * Sentry's alert endpoints (OrganizationAlertRulePermission, ProjectAlertRulePermission) accept the resource's
 * scopes or the alert scopes, so an admin (alerts:write, no org:write) manages channels, and a token made for
 * alerts needs nothing else.
 */
export const ALERT_SCOPES = {
  channelRead: { anyOf: ['org:read', 'org:write', 'org:admin', 'alerts:read', 'alerts:write'] },
  channelWrite: { anyOf: ['org:write', 'org:admin', 'alerts:write'] },
  ruleRead: { anyOf: ['project:read', 'project:write', 'project:admin', 'alerts:read', 'alerts:write'] },
  ruleWrite: { anyOf: ['project:write', 'project:admin', 'alerts:write'] },
} as const satisfies Record<string, { anyOf: readonly Scope[] }>;
