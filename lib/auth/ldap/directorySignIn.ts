// Signing in against the directory: look up, check the password, evaluate groups, sync the user and org.
import { db } from '../../db.ts';
import { log } from '../../log.ts';
import { grantFromGroups } from './access.ts';
import { DirectoryUnavailableError, lookupUser } from './directory.ts';
import { EmailTakenError, profileOf, syncOrganization, upsertDirectoryUser } from './syncUser.ts';
import type { LdapSettings } from './settings.ts';

export type DirectorySignInResult =
  | { kind: 'ok'; user: { id: number; email: string; name: string } }
  /** Not a directory user, wrong password, or refused by group rules: the caller tries local accounts next. */
  | { kind: 'refused'; reason: string }
  | { kind: 'unavailable'; message: string };

export async function directorySignIn(
  s: LdapSettings,
  username: string,
  password: string,
): Promise<DirectorySignInResult> {
  try {
    const found = await lookupUser(s, username, password);
    if (found.kind === 'not-found') return { kind: 'refused', reason: 'no directory entry matches the filter' };
    if (found.kind === 'ambiguous') {
      log.warn('LDAP_USER_FILTER matches several entries; refusing sign-in', { username });
      return { kind: 'refused', reason: 'several directory entries match' };
    }
    if (found.kind === 'bad-password') return { kind: 'refused', reason: 'wrong directory password' };

    const grant = grantFromGroups(s, found.groups);
    const profile = profileOf(s, found.entry, username);
    const user = await upsertDirectoryUser(db(), found.entry, profile, grant);
    if (grant.refusal) {
      // The record is still updated above: isActive=false also ends existing sessions and API tokens,
      // because lib/auth/access.ts refuses inactive users on every request.
      log.info('directory sign-in refused', { username: profile.username, reason: grant.refusal });
      return { kind: 'refused', reason: grant.refusal };
    }
    await syncOrganization(db(), s, user.id, grant);
    await db().user.update({ where: { id: user.id }, data: { lastLogin: new Date() } });
    return { kind: 'ok', user: { id: user.id, email: user.email, name: user.name } };
  } catch (e) {
    if (e instanceof DirectoryUnavailableError) {
      log.error('LDAP directory unavailable; only local accounts can sign in', { server: s.server, error: e.message });
      return { kind: 'unavailable', message: e.message };
    }
    if (e instanceof EmailTakenError) {
      log.warn('directory sign-in refused', { username, reason: e.message });
      return { kind: 'refused', reason: e.message };
    }
    throw e;
  }
}
