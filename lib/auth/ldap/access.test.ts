// What groups grant: refusals, flags, the highest mapped role and mapped teams (DNs compared case-insensitively).
import { describe, expect, it } from 'vitest';
import { grantFromGroups } from './access.ts';

const g = (cn: string) => `cn=${cn},ou=groups,dc=example,dc=org`;
const rules = {
  groupActive: g('users'),
  groupSuperuser: g('admins'),
  groupStaff: g('staff'),
  requireGroup: undefined as string | undefined,
  denyGroup: undefined as string | undefined,
  defaultRole: 'member' as const,
  roleMapping: { admin: [g('devs')], owner: [g('owners')] },
  teamMapping: { backend: [g('devs')], web: [g('web'), g('design')] },
};

describe('grantFromGroups', () => {
  it('refuses users outside the active group', () => {
    expect(grantFromGroups(rules, [g('devs')])).toMatchObject({
      refusal: 'not a member of LDAP_GROUP_ACTIVE',
      isActive: false,
    });
  });

  it('lets everyone in when no active group is configured', () => {
    expect(grantFromGroups({ ...rules, groupActive: undefined }, [])).toMatchObject({
      refusal: null,
      isActive: true,
      role: 'member',
      teams: [],
    });
  });

  it('applies require and deny groups', () => {
    expect(grantFromGroups({ ...rules, requireGroup: g('vpn') }, [g('users')]).refusal).toBe(
      'not a member of LDAP_REQUIRE_GROUP',
    );
    expect(grantFromGroups({ ...rules, denyGroup: g('banned') }, [g('users'), g('banned')]).refusal).toBe(
      'member of LDAP_DENY_GROUP',
    );
  });

  it('sets flags, the highest mapped role and every matching team', () => {
    const grant = grantFromGroups(rules, [g('users'), g('admins'), g('devs'), g('owners'), g('design')]);
    expect(grant).toMatchObject({
      refusal: null,
      isActive: true,
      isSuperuser: true,
      isStaff: false,
      role: 'owner',
      teams: ['backend', 'web'],
    });
    expect(grant.mappedTeams).toEqual(['backend', 'web']);
  });

  it('compares DNs without regard to case or spaces after commas', () => {
    const grant = grantFromGroups(rules, [
      'CN=Users, OU=Groups, DC=Example, DC=Org',
      'cn=DEVS,ou=groups,dc=example,dc=org',
    ]);
    expect(grant).toMatchObject({ refusal: null, role: 'admin', teams: ['backend'] });
  });

  it('never lowers the role below the default', () => {
    expect(grantFromGroups({ ...rules, defaultRole: 'manager' }, [g('users'), g('devs')]).role).toBe('manager');
  });
});
