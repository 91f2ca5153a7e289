// The "Sign-in and LDAP" environment block of README.md, copied as is (only LDAP_SERVER points at the test
// slapd), signs people in against a real directory with the memberOf filter, flags, role and team mapping.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLdapStack, type LdapStack } from '../harness/ldapStack.ts';
import { SessionClient } from '../harness/session.ts';

/** The first ```env block after the "## Sign-in and LDAP" heading, as KEY=VALUE pairs (env-file syntax). */
function readmeLdapEnv(readme: string): Record<string, string> {
  const section = readme.split(/^## Sign-in and LDAP\s*$/m)[1];
  if (!section) throw new Error('README.md has no "## Sign-in and LDAP" section');
  const block = /```env\n([\s\S]*?)```/.exec(section.split(/^## /m)[0]);
  if (!block) throw new Error('the "Sign-in and LDAP" section has no ```env block');
  const env: Record<string, string> = {};
  for (const line of block[1].split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 1) throw new Error(`not KEY=VALUE: ${line}`);
    env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

const readmeEnv = readmeLdapEnv(readFileSync('README.md', 'utf8'));
let ldap: LdapStack;

beforeAll(async () => {
  // Only the server address changes: the rest of the block is used exactly as the README prints it.
  ldap = await startLdapStack('ldapreadme', (url) => ({ ...readmeEnv, LDAP_SERVER: url }));
}, 120_000);

afterAll(async () => {
  await ldap?.stop();
});

describe('the README environment block', () => {
  it('is the seed-style set-up with a memberOf filter', () => {
    expect(Object.keys(readmeEnv)).toEqual(
      expect.arrayContaining([
        'LDAP_SERVER',
        'LDAP_BIND_DN',
        'LDAP_BIND_PASSWORD',
        'LDAP_USER_DN',
        'LDAP_USER_FILTER',
        'LDAP_GROUP_DN',
        'LDAP_GROUP_TYPE',
        'LDAP_DEFAULT_SENTRY_ORGANIZATION',
      ]),
    );
    expect(readmeEnv.LDAP_USER_FILTER).toContain('(memberOf=');
    expect(readmeEnv.LDAP_USER_FILTER).toContain('%(user)s');
  });

  it('signs in a directory superuser by uid', async () => {
    const c = new SessionClient(ldap.stack.baseUrl);
    expect((await c.signIn('alice', 'alice-password-1')).ok).toBe(true);
    expect(await ldap.prisma.user.findUniqueOrThrow({ where: { username: 'alice' } })).toMatchObject({
      email: 'alice@example.org',
      name: 'Alice Liddell',
      isSuperuser: true,
      isStaff: true,
      isManaged: true,
    });
  });

  it('gives the mapped role and team in the default organization', async () => {
    const c = new SessionClient(ldap.stack.baseUrl);
    expect((await c.signIn('bob', 'bob-password-1')).ok).toBe(true);
    const bob = await ldap.prisma.user.findUniqueOrThrow({
      where: { username: 'bob' },
      include: { memberships: { include: { org: true } }, teams: { include: { team: true } } },
    });
    expect(bob.memberships.map((m) => [m.org.slug, m.role])).toEqual([['example', 'admin']]);
    expect(bob.teams.map((t) => t.team.slug)).toEqual(['backend']);
  });

  it('keeps people outside the memberOf filter out, and falls back to the default email domain', async () => {
    expect(await new SessionClient(ldap.stack.baseUrl).signIn('carol', 'carol-password-1')).toMatchObject({
      ok: false,
      error: 'CredentialsSignin',
    });
    expect((await new SessionClient(ldap.stack.baseUrl).signIn('erin', 'erin-password-1')).ok).toBe(true);
    expect((await ldap.prisma.user.findUniqueOrThrow({ where: { username: 'erin' } })).email).toBe('erin@example.org');
  });
});
