// The directory settings, from the seed-compatible LDAP_* variables of lib/config.ts, with the JSON mappings parsed.
import { z } from 'zod';
import { config, type Config } from '../../config.ts';
import { ROLES, type RoleName } from '../roles.ts';

export type GroupType = 'groupOfUniqueNames' | 'groupOfNames' | 'posixGroup' | 'memberOf';

export interface LdapSettings {
  server: string;
  startTls: boolean;
  bindDn?: string;
  /** Never logged or shown; empty = anonymous service bind. */
  bindPassword?: string;
  userDn: string;
  userFilter: string;
  usernameField: string;
  fullNameField: string;
  mailField: string;
  defaultEmailDomain?: string;
  groupDn?: string;
  groupType: GroupType;
  groupActive?: string;
  groupSuperuser?: string;
  groupStaff?: string;
  requireGroup?: string;
  denyGroup?: string;
  cacheGroups: boolean;
  groupCacheTimeout: number;
  defaultOrganization?: string;
  defaultRole: RoleName;
  roleMapping: Partial<Record<RoleName, string[]>>;
  teamMapping: Record<string, string[]>;
  timeoutMs: number;
}

export class LdapConfigError extends Error {}

const groupList = z.union([z.string().transform((s) => [s]), z.array(z.string())]);
const roleMappingSchema = z.partialRecord(z.enum(ROLES), groupList);
const teamMappingSchema = z.record(
  z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'team slugs are lowercase letters, digits, - and _'),
  groupList,
);

function parseJson<T extends z.ZodType>(name: string, raw: string | undefined, schema: T): z.infer<T> {
  if (!raw || !raw.trim()) return schema.parse({});
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    throw new LdapConfigError(`${name} is not valid JSON: ${(e as Error).message}`);
  }
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new LdapConfigError(
      `${name}: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  return r.data;
}

const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/** Null when LDAP_SERVER is unset (local accounts only); throws LdapConfigError for unusable settings. */
export function ldapSettings(c: Config = config()): LdapSettings | null {
  const server = blank(c.LDAP_SERVER);
  if (!server) return null;
  if (!/^ldaps?:\/\//i.test(server))
    throw new LdapConfigError(`LDAP_SERVER must start with ldap:// or ldaps:// (got "${server}")`);
  const userDn = blank(c.LDAP_USER_DN);
  if (!userDn) throw new LdapConfigError('LDAP_USER_DN (the search base for users) must be set with LDAP_SERVER');
  if (!c.LDAP_USER_FILTER.includes('%(user)s')) throw new LdapConfigError('LDAP_USER_FILTER must contain %(user)s');
  const groupDn = blank(c.LDAP_GROUP_DN);
  // Without a group base there is nothing to search, so groups can only come from the entry's memberOf.
  const groupType: GroupType = c.LDAP_GROUP_TYPE ?? (groupDn ? 'groupOfUniqueNames' : 'memberOf');
  if (groupType !== 'memberOf' && !groupDn)
    throw new LdapConfigError(`LDAP_GROUP_TYPE=${groupType} needs LDAP_GROUP_DN`);
  return {
    server,
    startTls: c.LDAP_START_TLS,
    bindDn: blank(c.LDAP_BIND_DN),
    bindPassword: c.LDAP_BIND_PASSWORD || undefined,
    userDn,
    userFilter: c.LDAP_USER_FILTER,
    usernameField: c.LDAP_SENTRY_USERNAME_FIELD,
    fullNameField: c.LDAP_MAP_FULL_NAME,
    mailField: c.LDAP_MAP_MAIL,
    defaultEmailDomain: blank(c.LDAP_DEFAULT_EMAIL_DOMAIN),
    groupDn,
    groupType,
    groupActive: blank(c.LDAP_GROUP_ACTIVE),
    groupSuperuser: blank(c.LDAP_GROUP_SUPERUSER),
    groupStaff: blank(c.LDAP_GROUP_STAFF),
    requireGroup: blank(c.LDAP_REQUIRE_GROUP),
    denyGroup: blank(c.LDAP_DENY_GROUP),
    cacheGroups: c.LDAP_CACHE_GROUPS,
    groupCacheTimeout: c.LDAP_GROUP_CACHE_TIMEOUT,
    defaultOrganization: blank(c.LDAP_DEFAULT_SENTRY_ORGANIZATION),
    defaultRole: c.LDAP_SENTRY_ORGANIZATION_ROLE_TYPE,
    roleMapping: parseJson('LDAP_GROUP_ROLE_MAPPING', c.LDAP_GROUP_ROLE_MAPPING, roleMappingSchema),
    teamMapping: parseJson('LDAP_TEAM_MAPPING', c.LDAP_TEAM_MAPPING, teamMappingSchema),
    timeoutMs: c.LDAP_TIMEOUT_MS,
  };
}
