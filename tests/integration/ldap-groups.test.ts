// Group lookup by every LDAP_GROUP_TYPE and the Redis group cache, against a real slapd through lib/ directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlapd, type Slapd } from '../harness/slapd.ts';
import { fixtureLdif, ldapGroup as group } from '../harness/ldapStack.ts';
import { lookupUser } from '../../lib/auth/ldap/directory.ts';
import { groupCacheKey } from '../../lib/auth/ldap/groupCache.ts';
import type { LdapSettings } from '../../lib/auth/ldap/settings.ts';
import { redis } from '../../lib/redis.ts';

const BASE = 'dc=example,dc=org';
let slapd: Slapd;

const settings = (over: Partial<LdapSettings> = {}): LdapSettings => ({
  server: slapd.url,
  startTls: false,
  bindDn: `cn=faultline,ou=services,${BASE}`,
  bindPassword: 'service-bind-secret',
  userDn: `ou=people,${BASE}`,
  userFilter: '(&(objectClass=inetOrgPerson)(uid=%(user)s))',
  usernameField: 'uid',
  fullNameField: 'displayName',
  mailField: 'mail',
  groupDn: `ou=groups,${BASE}`,
  groupType: 'groupOfUniqueNames',
  cacheGroups: false,
  groupCacheTimeout: 60,
  defaultRole: 'member',
  roleMapping: {},
  teamMapping: {},
  timeoutMs: 3000,
  ...over,
});

async function groupsOf(username: string, s: LdapSettings) {
  const r = await lookupUser(s, username, undefined);
  if (r.kind !== 'ok') throw new Error(`lookup of ${username}: ${r.kind}`);
  return r.groups.map((d) => d.toLowerCase()).sort();
}

beforeAll(async () => {
  slapd = await startSlapd(fixtureLdif());
  await slapd.modify(`dn: cn=qa,ou=groups,${BASE}
changetype: add
objectClass: groupOfNames
cn: qa
member: cn=bob,ou=people,${BASE}

dn: cn=shell,ou=groups,${BASE}
changetype: add
objectClass: posixGroup
cn: shell
gidNumber: 5000
memberUid: bob
`);
}, 60_000);

afterAll(async () => {
  await slapd?.destroy();
});

describe('LDAP_GROUP_TYPE', () => {
  it('groupOfUniqueNames searches uniqueMember under LDAP_GROUP_DN', async () => {
    expect(await groupsOf('bob', settings())).toEqual([group('devs'), group('faultline-users')]);
  });
  it('groupOfNames searches member', async () => {
    expect(await groupsOf('bob', settings({ groupType: 'groupOfNames' }))).toEqual([group('qa')]);
  });
  it('posixGroup searches memberUid', async () => {
    expect(await groupsOf('bob', settings({ groupType: 'posixGroup' }))).toEqual([group('shell')]);
  });
  it('memberOf reads the entry’s memberOf attribute', async () => {
    expect(await groupsOf('bob', settings({ groupType: 'memberOf', groupDn: undefined }))).toEqual([
      group('devs'),
      group('faultline-users'),
    ]);
  });
});

describe('LDAP_CACHE_GROUPS', () => {
  it('serves groups from Redis until LDAP_GROUP_CACHE_TIMEOUT, then sees the directory change', async () => {
    const cached = settings({ cacheGroups: true, groupCacheTimeout: 60 });
    const key = groupCacheKey(`cn=erin,ou=people,${BASE}`);
    await redis().del(key);
    expect(await groupsOf('erin', cached)).toEqual([group('faultline-users')]);
    const ttl = await redis().ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);

    await slapd.modify(`dn: ${group('ops')}
changetype: modify
add: uniqueMember
uniqueMember: cn=erin,ou=people,${BASE}
`);
    expect(await groupsOf('erin', cached)).toEqual([group('faultline-users')]);
    expect(await groupsOf('erin', settings())).toEqual([group('faultline-users'), group('ops')]);
    await redis().del(key); // what the expiry does
    expect(await groupsOf('erin', cached)).toEqual([group('faultline-users'), group('ops')]);
    await redis().del(key);
  });
});
