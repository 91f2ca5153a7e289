// A slapd seeded with tests/fixtures/ldap/directory.ldif plus a second Faultline configured for it (no worker),
// with a Prisma client on that stack's database. For LDAP integration and browser tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startStack, type Stack } from './stack.ts';
import { slapdAvailable, startSlapd, LDAP_SUFFIX, type Slapd } from './slapd.ts';
import { createDb, type Db } from '../../lib/db.ts';
import { projectRoot } from '../../lib/cli/paths.ts';

export const ldapGroup = (cn: string) => `cn=${cn},ou=groups,${LDAP_SUFFIX}`;
export const ldapPerson = (cn: string) => `cn=${cn},ou=people,${LDAP_SUFFIX}`;

/** The fixture directory's service account, bases and groups; tests add their mappings on top. */
export function fixtureDirectoryEnv(url: string): Record<string, string> {
  return {
    LDAP_SERVER: url,
    LDAP_BIND_DN: `cn=faultline,ou=services,${LDAP_SUFFIX}`,
    LDAP_BIND_PASSWORD: 'service-bind-secret',
    LDAP_USER_DN: `ou=people,${LDAP_SUFFIX}`,
    LDAP_MAP_FULL_NAME: 'displayName',
    LDAP_GROUP_DN: `ou=groups,${LDAP_SUFFIX}`,
    LDAP_GROUP_ACTIVE: ldapGroup('faultline-users'),
    LDAP_GROUP_SUPERUSER: ldapGroup('faultline-admins'),
  };
}

export function fixtureLdif(): string {
  return readFileSync(path.join(projectRoot, 'tests/fixtures/ldap/directory.ldif'), 'utf8');
}

export interface LdapStack {
  slapd: Slapd;
  stack: Stack;
  prisma: Db;
  stop(): Promise<void>;
}

/** `env(url)` gives the stack's LDAP environment for the slapd's address (default: fixtureDirectoryEnv). */
export async function startLdapStack(
  name: string,
  env: (url: string) => Record<string, string> = fixtureDirectoryEnv,
): Promise<LdapStack> {
  if (!slapdAvailable()) throw new Error('slapd is not installed: apt-get install -y slapd ldap-utils');
  const slapd = await startSlapd(fixtureLdif());
  let stack: Stack;
  try {
    // Sign-in tests pose as many clients through X-Forwarded-For, as if behind one trusted proxy.
    stack = await startStack({ name, workers: 0, env: { AUTH_TRUSTED_PROXY_HOPS: '1', ...env(slapd.url) } });
  } catch (e) {
    await slapd.destroy();
    throw e;
  }
  const prisma = createDb(stack.databaseUrl, 2);
  return {
    slapd,
    stack,
    prisma,
    async stop() {
      await prisma.$disconnect();
      await stack.stop();
      await slapd.destroy();
    },
  };
}
