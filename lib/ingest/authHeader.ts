// Finding the DSN public key of an ingest request: X-Sentry-Auth, `Authorization: Sentry`, query or envelope DSN.

/** `Sentry sentry_key=abc, sentry_version=7, ...` → `{sentry_key: 'abc', sentry_version: '7', ...}`. */
export function parseSentryAuth(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = header.trim().replace(/^sentry\s+/i, '');
  for (const part of body.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    // Some old clients quote values.
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name) out[name] = value;
  }
  return out;
}

/** The public key from the headers or query, or null when the request carries none there. */
export function publicKeyFromRequest(header: (name: string) => string | null, query: URLSearchParams): string | null {
  const xSentry = header('x-sentry-auth');
  if (xSentry) {
    const key = parseSentryAuth(xSentry).sentry_key;
    if (key) return key;
  }
  const authorization = header('authorization');
  if (authorization && /^sentry\s/i.test(authorization)) {
    const key = parseSentryAuth(authorization).sentry_key;
    if (key) return key;
  }
  return query.get('sentry_key') || null;
}

/** The public key of a DSN string (`https://<public>[:<secret>]@host/<project>`), or null. */
export function publicKeyFromDsn(dsn: unknown): string | null {
  if (typeof dsn !== 'string' || !dsn) return null;
  try {
    return decodeURIComponent(new URL(dsn).username) || null;
  } catch {
    return null;
  }
}
