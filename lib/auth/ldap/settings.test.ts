// Directory settings from the environment: defaults, the seed's empty values, and clear errors for bad JSON.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.ts';
import { ldapSettings, LdapConfigError } from './settings.ts';

const base = { LDAP_SERVER: 'ldap://127.0.0.1:389', LDAP_USER_DN: 'ou=people,dc=example,dc=org' };
const settings = (env: Record<string, string>) => ldapSettings(parseConfig(env as NodeJS.ProcessEnv));

describe('ldapSettings', () => {
  it('is null without LDAP_SERVER', () => {
    expect(settings({})).toBeNull();
  });

  it('uses the seed defaults', () => {
    expect(settings(base)).toMatchObject({
      userFilter: '(&(objectClass=inetOrgPerson)(cn=%(user)s))',
      usernameField: 'cn',
      fullNameField: 'sn',
      mailField: 'mail',
      groupType: 'memberOf',
      defaultRole: 'member',
      roleMapping: {},
      teamMapping: {},
    });
  });

  it('treats empty values as unset and defaults the group type by LDAP_GROUP_DN', () => {
    const s = settings({
      ...base,
      LDAP_GROUP_TYPE: '',
      LDAP_GROUP_DN: 'ou=groups,dc=example,dc=org',
      LDAP_BIND_PASSWORD: '',
      LDAP_SENTRY_ORGANIZATION_ROLE_TYPE: '',
    });
    expect(s).toMatchObject({ groupType: 'groupOfUniqueNames', bindPassword: undefined, defaultRole: 'member' });
  });

  it('parses the mappings; a single DN may be a string', () => {
    const s = settings({
      ...base,
      LDAP_GROUP_ROLE_MAPPING: '{"admin": "cn=devs,dc=x"}',
      LDAP_TEAM_MAPPING: '{"backend": ["cn=a,dc=x", "cn=b,dc=x"]}',
    });
    expect(s?.roleMapping).toEqual({ admin: ['cn=devs,dc=x'] });
    expect(s?.teamMapping).toEqual({ backend: ['cn=a,dc=x', 'cn=b,dc=x'] });
  });

  it.each([
    [{ LDAP_GROUP_ROLE_MAPPING: '{admin: x}' }, /LDAP_GROUP_ROLE_MAPPING is not valid JSON/],
    [{ LDAP_GROUP_ROLE_MAPPING: '{"boss": ["cn=x"]}' }, /LDAP_GROUP_ROLE_MAPPING/],
    [{ LDAP_TEAM_MAPPING: '{"Back End": ["cn=x"]}' }, /LDAP_TEAM_MAPPING: Back End/],
    [{ LDAP_USER_FILTER: '(uid=alice)' }, /%\(user\)s/],
    [{ LDAP_SERVER: 'http://dir' }, /ldap:\/\//],
    [{ LDAP_USER_DN: '' }, /LDAP_USER_DN/],
    [{ LDAP_GROUP_TYPE: 'posixGroup' }, /needs LDAP_GROUP_DN/],
  ])('refuses %j', (extra, message) => {
    expect(() => settings({ ...base, ...extra })).toThrow(LdapConfigError);
    expect(() => settings({ ...base, ...extra })).toThrow(message);
  });
});
