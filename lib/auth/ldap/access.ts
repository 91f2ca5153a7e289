// What a directory user's groups grant: may they sign in, flags, organization role and teams. Pure.
import { ROLES, type RoleName } from '../roles.ts';
import { normalizeDn } from './filter.ts';
import type { LdapSettings } from './settings.ts';

export interface DirectoryGrant {
  /** Why sign-in is refused despite a correct password, or null. */
  refusal: string | null;
  isActive: boolean;
  isSuperuser: boolean;
  isStaff: boolean;
  role: RoleName;
  /** Slugs of the mapped teams the user belongs to. */
  teams: string[];
  /** Slugs of every mapped team, so the user can be removed from the ones they left. */
  mappedTeams: string[];
}

type Rules = Pick<
  LdapSettings,
  | 'groupActive'
  | 'groupSuperuser'
  | 'groupStaff'
  | 'requireGroup'
  | 'denyGroup'
  | 'defaultRole'
  | 'roleMapping'
  | 'teamMapping'
>;

export function grantFromGroups(rules: Rules, groupDns: string[]): DirectoryGrant {
  const groups = new Set(groupDns.map(normalizeDn));
  const inGroup = (dn: string | undefined) => !!dn && groups.has(normalizeDn(dn));
  const inAny = (dns: string[] | undefined) => (dns ?? []).some((d) => groups.has(normalizeDn(d)));

  let refusal: string | null = null;
  if (rules.requireGroup && !inGroup(rules.requireGroup)) refusal = 'not a member of LDAP_REQUIRE_GROUP';
  else if (rules.denyGroup && inGroup(rules.denyGroup)) refusal = 'member of LDAP_DENY_GROUP';
  // No active group configured = every directory user who may sign in is active (the seed's behaviour).
  const isActive = refusal === null && (!rules.groupActive || inGroup(rules.groupActive));
  if (refusal === null && !isActive) refusal = 'not a member of LDAP_GROUP_ACTIVE';

  // The highest mapped role wins; the default role is the floor.
  let role: RoleName = rules.defaultRole;
  for (const r of ROLES) {
    if (ROLES.indexOf(r) > ROLES.indexOf(role) && inAny(rules.roleMapping[r])) role = r;
  }
  const mappedTeams = Object.keys(rules.teamMapping);
  return {
    refusal,
    isActive,
    isSuperuser: inGroup(rules.groupSuperuser),
    isStaff: inGroup(rules.groupStaff),
    role,
    teams: mappedTeams.filter((slug) => inAny(rules.teamMapping[slug])),
    mappedTeams,
  };
}
