// Checking a username and password: the directory first (when LDAP_SERVER is set), then local accounts by
// email, behind the brute-force limits. Failures the user should understand are thrown as SignInError codes.
import { db } from '../db.ts';
import { log } from '../log.ts';
import { directorySignIn } from './ldap/directorySignIn.ts';
import { ldapSettings, LdapConfigError } from './ldap/settings.ts';
import { verifyPassword } from './password.ts';
import { clearSignInFailures, recordSignInFailure, signInBlockedFor } from './signInRateLimit.ts';

export interface SignedInUser {
  id: number;
  email: string;
  name: string;
}

/** Codes the login page turns into messages (next-auth passes the message as `?error=`). */
export type SignInErrorCode = 'RateLimited' | 'DirectoryUnavailable';

export class SignInError extends Error {
  constructor(readonly code: SignInErrorCode) {
    super(code);
  }
}

async function localSignIn(username: string, password: string): Promise<SignedInUser | null> {
  const email = username.trim().toLowerCase();
  const user = await db().user.findUnique({ where: { email } });
  // Directory-managed users have no local password; they sign in through the directory only.
  if (!user || !user.isActive || user.isManaged) return null;
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  await db().user.update({ where: { id: user.id }, data: { lastLogin: new Date() } });
  return { id: user.id, email: user.email, name: user.name };
}

function directorySettings() {
  try {
    return ldapSettings();
  } catch (e) {
    if (!(e instanceof LdapConfigError)) throw e;
    log.error('LDAP settings are invalid; only local accounts can sign in', { error: e.message });
    return 'invalid' as const;
  }
}

export async function signInWithPassword(
  username: string,
  password: string,
  ip: string | null = null,
): Promise<SignedInUser | null> {
  username = username.trim();
  if (!username || !password || username.length > 256 || password.length > 1024) return null;
  const wait = await signInBlockedFor(username, ip);
  if (wait > 0) {
    log.warn('sign-in rate limited', { ip, retryAfterSeconds: wait });
    throw new SignInError('RateLimited');
  }

  let directoryDown = false;
  const settings = directorySettings();
  if (settings && settings !== 'invalid') {
    const r = await directorySignIn(settings, username, password);
    if (r.kind === 'ok') {
      await clearSignInFailures(username);
      return r.user;
    }
    directoryDown = r.kind === 'unavailable';
  } else if (settings === 'invalid') {
    directoryDown = true;
  }

  const local = await localSignIn(username, password);
  if (local) {
    await clearSignInFailures(username);
    return local;
  }
  await recordSignInFailure(username, ip);
  if (directoryDown) throw new SignInError('DirectoryUnavailable');
  return null;
}
