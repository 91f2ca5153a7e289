// Secret scrubbing for the places SDKs put credentials by default: HTTP headers, cookies and the process environment.

import { isRecord, type Rec } from './clean';

export const FILTERED = '[Filtered]';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-sentry-auth']);
// Matches names like GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, X-Api-Key, SENTRY_DSN, PGPASSWORD, SESSION_ID.
// `auth(?!ority)` spares the HTTP/2 `:authority` header and XAUTHORITY, which carry no secret.
const SECRET_NAME = /token|secret|passw|passphrase|key|auth(?!ority)|cookie|dsn|credential|session|signature|private/i;
// postgres://user:password@host, redis://:password@host
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)([^\s@/]+)@/gi;

export function isSecretName(key: string): boolean {
  return SECRET_NAME.test(key);
}

export function isSecretHeader(key: string): boolean {
  return SECRET_HEADERS.has(key.trim().toLowerCase()) || isSecretName(key);
}

/** Replaces the password part of URLs in a string (DATABASE_URL and friends). */
export function scrubUrlPasswords(s: string): string {
  return s.replace(URL_PASSWORD, `$1${FILTERED}@`);
}

function scrubEnvValue(key: string, value: unknown): unknown {
  if (isSecretName(key)) return FILTERED;
  return typeof value === 'string' ? scrubUrlPasswords(value) : value;
}

/**
 * `extra.environ`: sentry-cli sends the whole process environment there. Accepts an object or a list of
 * `NAME=value` strings.
 */
export function scrubEnviron(environ: unknown): unknown {
  if (isRecord(environ)) {
    const out: Rec = {};
    for (const [k, v] of Object.entries(environ)) out[k] = scrubEnvValue(k, v);
    return out;
  }
  if (Array.isArray(environ)) {
    return environ.map((entry) => {
      if (typeof entry !== 'string') return entry;
      const eq = entry.indexOf('=');
      if (eq < 0) return entry;
      const key = entry.slice(0, eq);
      return `${key}=${scrubEnvValue(key, entry.slice(eq + 1))}`;
    });
  }
  return environ;
}

/** The `cookies` field repeats the Cookie header, so its values go too; the names stay for debugging. */
export function scrubCookies(cookies: unknown): unknown {
  if (cookies === undefined || cookies === null) return undefined;
  if (isRecord(cookies))
    return Object.fromEntries(
      Object.keys(cookies)
        .filter((k) => k !== '__proto__')
        .map((k) => [k, FILTERED]),
    );
  if (Array.isArray(cookies))
    return cookies.map((pair) => (Array.isArray(pair) ? [String(pair[0]), FILTERED] : FILTERED));
  return FILTERED;
}
