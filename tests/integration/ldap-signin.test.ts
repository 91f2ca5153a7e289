// Directory sign-in against a real OpenLDAP (slapd) through the real next-auth endpoints of a second stack
// started with LDAP settings: filter, password, groups, flags, org role and teams re-synced at every login,
// injection attempts, brute-force limits, the admin test endpoint, and the directory being down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fixtureDirectoryEnv,
  ldapGroup as group,
  ldapPerson as person,
  startLdapStack,
  type LdapStack,
} from '../harness/ldapStack.ts';
import { SessionClient } from '../harness/session.ts';
import { createLocalUser } from '../../lib/users/users.ts';

let ldap: LdapStack;
let ipCounter = 1;
/** Each client poses as its own IP so the per-IP limit only bites where a test means it to. */
const client = () =>
  new SessionClient(ldap.stack.baseUrl, `10.1.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`);

beforeAll(async () => {
  ldap = await startLdapStack('ldap', (url) => ({
    ...fixtureDirectoryEnv(url),
    LDAP_USER_FILTER: '(&(objectClass=inetOrgPerson)(cn=%(user)s))',
    LDAP_DEFAULT_EMAIL_DOMAIN: 'example.org',
    LDAP_GROUP_TYPE: 'groupOfUniqueNames',
    LDAP_GROUP_STAFF: group('ops'),
    LDAP_DEFAULT_SENTRY_ORGANIZATION: 'Example Corp',
    LDAP_SENTRY_ORGANIZATION_ROLE_TYPE: 'member',
    LDAP_GROUP_ROLE_MAPPING: JSON.stringify({ admin: [group('devs')], owner: [group('owners')] }),
    LDAP_TEAM_MAPPING: JSON.stringify({ backend: [group('devs')], ops: [group('ops')] }),
    AUTH_MAX_FAILURES_PER_USER: '5',
    AUTH_MAX_FAILURES_PER_IP: '8',
  }));
}, 120_000);

afterAll(async () => {
  await ldap?.stop();
});

async function membershipOf(username: string) {
  const user = await ldap.prisma.user.findUniqueOrThrow({ where: { username } });
  const org = await ldap.prisma.organization.findUniqueOrThrow({ where: { slug: 'example-corp' } });
  const m = await ldap.prisma.membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId: user.id } } });
  const teams = await ldap.prisma.teamMember.findMany({
    where: { userId: user.id, team: { orgId: org.id } },
    include: { team: true },
  });
  return { user, role: m?.role ?? null, teams: teams.map((t) => t.team.slug).sort() };
}

describe('directory sign-in through /api/auth/callback/credentials', () => {
  it('signs in a user found by the filter and stores them as a managed user with the mapped fields', async () => {
    const c = client();
    expect(await c.signIn('alice', 'alice-password-1')).toMatchObject({ ok: true, error: null });
    const session = await c.session();
    expect(session?.user?.email).toBe('alice@example.org');
    const u = await ldap.prisma.user.findUniqueOrThrow({ where: { username: 'alice' } });
    expect(session?.uid).toBe(u.id);
    expect(u).toMatchObject({
      email: 'alice@example.org',
      name: 'Alice Liddell',
      ldapDn: person('alice'),
      isManaged: true,
      isActive: true,
      passwordHash: null,
    });
  });

  it('refuses a wrong password without creating a session', async () => {
    const c = client();
    expect(await c.signIn('alice', 'not-alices-password')).toMatchObject({ ok: false, error: 'CredentialsSignin' });
    expect(await c.session()).toBeNull();
  });

  it('refuses an empty password (an LDAP "unauthenticated bind" would otherwise succeed)', async () => {
    const c = client();
    expect((await c.signIn('alice', '')).ok).toBe(false);
    expect(await c.session()).toBeNull();
  });

  it('refuses a user outside the search base/filter even with the right password', async () => {
    const c = client();
    expect(await c.signIn('dave', 'dave-password-1')).toMatchObject({ ok: false, error: 'CredentialsSignin' });
    expect(await ldap.prisma.user.findUnique({ where: { username: 'dave' } })).toBeNull();
  });

  it('refuses a user who is not in the active group, and records them as inactive', async () => {
    const c = client();
    expect(await c.signIn('carol', 'carol-password-1')).toMatchObject({ ok: false, error: 'CredentialsSignin' });
    expect(await c.session()).toBeNull();
    expect((await ldap.prisma.user.findUniqueOrThrow({ where: { username: 'carol' } })).isActive).toBe(false);
  });

  it('makes members of the superuser group superusers, and staff by the staff group', async () => {
    const a = client();
    const b = client();
    expect((await a.signIn('alice', 'alice-password-1')).ok).toBe(true);
    expect((await b.signIn('bob', 'bob-password-1')).ok).toBe(true);
    expect(await ldap.prisma.user.findUniqueOrThrow({ where: { username: 'alice' } })).toMatchObject({
      isSuperuser: true,
      isStaff: true,
    });
    expect(await ldap.prisma.user.findUniqueOrThrow({ where: { username: 'bob' } })).toMatchObject({
      isSuperuser: false,
      isStaff: false,
    });
    expect((await a.api('GET', '/api/0/users/')).status).toBe(200);
    expect((await b.api('GET', '/api/0/users/')).status).toBe(403);
  });

  it('falls back to <username>@LDAP_DEFAULT_EMAIL_DOMAIN when the entry has no mail', async () => {
    expect((await client().signIn('erin', 'erin-password-1')).ok).toBe(true);
    expect((await ldap.prisma.user.findUniqueOrThrow({ where: { username: 'erin' } })).email).toBe('erin@example.org');
  });

  it('maps groups to the org role and teams, creating the default organization by name', async () => {
    expect((await client().signIn('bob', 'bob-password-1')).ok).toBe(true);
    expect((await client().signIn('alice', 'alice-password-1')).ok).toBe(true);
    const org = await ldap.prisma.organization.findUniqueOrThrow({ where: { slug: 'example-corp' } });
    expect(org.name).toBe('Example Corp');
    expect(await membershipOf('bob')).toMatchObject({ role: 'admin', teams: ['backend'] });
    expect(await membershipOf('alice')).toMatchObject({ role: 'member', teams: ['ops'] });
  });

  it('re-syncs role, teams and the active flag at every login after a directory change', async () => {
    const old = client();
    expect((await old.signIn('bob', 'bob-password-1')).ok).toBe(true);
    expect((await old.api('GET', '/api/0/api-tokens/')).status).toBe(200);

    await ldap.slapd.modify(`dn: ${group('owners')}
changetype: modify
add: uniqueMember
uniqueMember: ${person('bob')}

dn: ${group('devs')}
changetype: modify
delete: uniqueMember
uniqueMember: ${person('bob')}
-
add: uniqueMember
uniqueMember: ${person('erin')}
`);
    expect((await client().signIn('bob', 'bob-password-1')).ok).toBe(true);
    expect(await membershipOf('bob')).toMatchObject({ role: 'owner', teams: [] });

    await ldap.slapd.modify(`dn: ${group('faultline-users')}
changetype: modify
delete: uniqueMember
uniqueMember: ${person('bob')}
`);
    const again = client();
    expect(await again.signIn('bob', 'bob-password-1')).toMatchObject({ ok: false, error: 'CredentialsSignin' });
    expect((await ldap.prisma.user.findUniqueOrThrow({ where: { username: 'bob' } })).isActive).toBe(false);
    // The refused login marked bob inactive, which also ends the session he already had.
    expect((await old.api('GET', '/api/0/api-tokens/')).status).toBe(401);

    await ldap.slapd.modify(`dn: ${group('faultline-users')}
changetype: modify
add: uniqueMember
uniqueMember: ${person('bob')}
`);
    expect((await client().signIn('bob', 'bob-password-1')).ok).toBe(true);
    expect((await ldap.prisma.user.findUniqueOrThrow({ where: { username: 'bob' } })).isActive).toBe(true);
  });

  it.each([
    ['*)(cn=*', 'alice-password-1'],
    ['*', 'alice-password-1'],
    ['admin)(|(uid=*', 'admin-password-1'],
    ['admin)(|(uid=*', 'alice-password-1'],
    ['alice)(cn=alice', 'alice-password-1'],
    ['al*', 'alice-password-1'],
  ])('is not fooled by the injection attempt %j', async (username, password) => {
    const c = client();
    expect(await c.signIn(username, password)).toMatchObject({ ok: false, error: 'CredentialsSignin' });
    expect(await c.session()).toBeNull();
  });

  it('still signs in the real "admin" entry by its exact name', async () => {
    expect((await client().signIn('admin', 'admin-password-1')).ok).toBe(true);
  });

  it('keeps local accounts working alongside the directory (looked up by email)', async () => {
    await createLocalUser(ldap.prisma, { email: 'local-person@example.com', password: 'local password 1' });
    const c = client();
    expect((await c.signIn('local-person@example.com', 'local password 1')).ok).toBe(true);
    expect((await c.session())?.user?.email).toBe('local-person@example.com');
  });

  it('does not let a directory user sign in with a local password path', async () => {
    // alice is managed: her email is not a local login, whatever password is tried.
    expect((await client().signIn('alice@example.org', 'alice-password-1')).ok).toBe(false);
  });
});

describe('brute-force limits', () => {
  it('limits failures per username, with a clear error even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await client().signIn('erin', `wrong-${i}`)).error).toBe('CredentialsSignin');
    expect(await client().signIn('erin', 'erin-password-1')).toMatchObject({ ok: false, error: 'RateLimited' });
    // Other users are not affected.
    expect((await client().signIn('admin', 'admin-password-1')).ok).toBe(true);
  });

  it('limits failures per IP across usernames', async () => {
    const ip = '10.99.0.1';
    for (let i = 0; i < 8; i++) {
      expect((await new SessionClient(ldap.stack.baseUrl, ip).signIn(`nobody-${i}`, 'whatever-pass')).error).toBe(
        'CredentialsSignin',
      );
    }
    expect(await new SessionClient(ldap.stack.baseUrl, ip).signIn('alice', 'alice-password-1')).toMatchObject({
      ok: false,
      error: 'RateLimited',
    });
    expect((await new SessionClient(ldap.stack.baseUrl, '10.99.0.2').signIn('alice', 'alice-password-1')).ok).toBe(
      true,
    );
  });
});

describe('POST /api/0/ldap-test/', () => {
  it('shows each step with the escaped filter, groups, flags, role and teams, and never the password', async () => {
    const admin = client();
    expect((await admin.signIn('alice', 'alice-password-1')).ok).toBe(true);
    const r = await admin.api('POST', '/api/0/ldap-test/', { username: 'alice', password: 'alice-password-1' });
    expect(r.status).toBe(200);
    const report = r.body as { ok: boolean; steps: { step: string; ok: boolean; detail: string }[] };
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.step)).toEqual([
      'settings',
      'service bind',
      'search',
      'entry',
      'user bind',
      'groups',
      'profile',
      'flags',
      'organization',
    ]);
    const text = JSON.stringify(report);
    expect(text).not.toContain('alice-password-1');
    expect(text).not.toContain('service-bind-secret');
    expect(text).toContain(group('faultline-admins'));
    expect(report.steps.find((s) => s.step === 'flags')?.detail).toContain('superuser true');

    const inj = (await admin.api('POST', '/api/0/ldap-test/', { username: '*)(cn=*' })).body as typeof report;
    expect(inj.ok).toBe(false);
    expect(inj.steps.find((s) => s.step === 'search')?.detail).toContain('(cn=\\2a\\29\\28cn=\\2a)');

    const bad = (await admin.api('POST', '/api/0/ldap-test/', { username: 'alice', password: 'wrong-password-x' }))
      .body as typeof report;
    expect(bad.ok).toBe(false);
    expect(bad.steps.find((s) => s.step === 'user bind')?.detail).toMatch(/invalid credentials/i);
    expect(JSON.stringify(bad)).not.toContain('wrong-password-x');
  });

  it('is for superusers only', async () => {
    const c = client();
    expect((await c.signIn('admin', 'admin-password-1')).ok).toBe(true);
    expect((await c.api('POST', '/api/0/ldap-test/', { username: 'alice' })).status).toBe(403);
    expect((await client().api('POST', '/api/0/ldap-test/', { username: 'alice' })).status).toBe(401);
  });
});

describe('the directory being down', () => {
  it('says so for directory users, while local accounts still sign in', async () => {
    const admin = client();
    expect((await admin.signIn('alice', 'alice-password-1')).ok).toBe(true);
    await createLocalUser(ldap.prisma, { email: 'still-works@example.com', password: 'local password 2' });
    await ldap.slapd.stop();
    try {
      expect(await client().signIn('alice', 'alice-password-1')).toMatchObject({
        ok: false,
        error: 'DirectoryUnavailable',
      });
      expect((await client().signIn('still-works@example.com', 'local password 2')).ok).toBe(true);
      const report = (await admin.api('POST', '/api/0/ldap-test/', { username: 'alice' })).body as {
        ok: boolean;
        steps: { step: string; ok: boolean; detail: string }[];
      };
      expect(report.ok).toBe(false);
      expect(report.steps.at(-1)).toMatchObject({ step: 'service bind', ok: false });
      expect(report.steps.at(-1)?.detail).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await ldap.slapd.restart();
    }
    expect((await client().signIn('alice', 'alice-password-1')).ok).toBe(true);
  });
});
