// Where to go after signing in: only paths on this site, so the login page cannot be used as an open redirect.
export function safeCallbackPath(raw: string | undefined | null, fallback = '/'): string {
  if (!raw) return fallback;
  let path = raw;
  // next-auth passes absolute URLs of this site (`http://host/issues`); keep only the path.
  if (/^https?:\/\//i.test(raw)) {
    try {
      const u = new URL(raw);
      path = u.pathname + u.search + u.hash;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\') || path.startsWith('/auth/'))
    return fallback;
  return path;
}

/** The message the login page shows for next-auth's `?error=` code. */
export function signInErrorMessage(code: string | undefined | null): string | null {
  if (!code) return null;
  switch (code) {
    case 'CredentialsSignin':
      return 'Wrong username or password.';
    case 'RateLimited':
      return 'Too many failed sign-in attempts. Wait a few minutes, then try again.';
    case 'DirectoryUnavailable':
      return (
        'The directory server (LDAP) is unreachable, and no local account matches these credentials. Try ' +
        'again later or contact your administrator.'
      );
    case 'SessionRequired':
      return null;
    default:
      return 'Sign-in failed. Try again.';
  }
}
