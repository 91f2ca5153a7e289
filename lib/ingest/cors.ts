// CORS for the ingest edge: browser SDKs post cross-origin, and must be able to read every answer's rate-limit headers.

const ALLOWED_HEADERS = [
  'x-sentry-auth',
  'x-requested-with',
  'x-forwarded-for',
  'origin',
  'accept',
  'content-type',
  'content-encoding',
  'authentication',
  'authorization',
  'sentry-trace',
  'baggage',
].join(', ');

/** Headers every ingest answer carries, success or error: without them the browser hides the status from the SDK. */
export function corsHeaders(origin: string | null): Record<string, string> {
  return {
    'access-control-allow-origin': origin || '*',
    'access-control-expose-headers': 'X-Sentry-Rate-Limits, Retry-After, X-Sentry-Error',
    vary: 'Origin',
  };
}

export function preflightHeaders(origin: string | null): Record<string, string> {
  return {
    ...corsHeaders(origin),
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': '3600',
  };
}

function hostOf(origin: string): { host: string; origin: string } | null {
  try {
    const u = new URL(origin);
    return { host: u.hostname.toLowerCase(), origin: `${u.protocol}//${u.host}`.toLowerCase() };
  } catch {
    return null;
  }
}

/**
 * Whether a browser origin may post to a project. Entries follow Sentry's "allowed domains": `*`,
 * `example.com`, `*.example.com` (subdomains and the domain itself) or a full origin `https://example.com:8443`.
 * An empty list, or a request without Origin (servers, CLIs), is allowed.
 */
export function originAllowed(origin: string | null, allowedDomains: readonly string[]): boolean {
  if (!origin || allowedDomains.length === 0) return true;
  const o = hostOf(origin);
  if (!o) return false;
  for (const raw of allowedDomains) {
    const entry = raw.trim().toLowerCase().replace(/\/+$/, '');
    if (!entry) continue;
    if (entry === '*') return true;
    if (entry.includes('://')) {
      if (entry === o.origin) return true;
      continue;
    }
    if (entry.startsWith('*.')) {
      const base = entry.slice(2);
      if (o.host === base || o.host.endsWith(`.${base}`)) return true;
      continue;
    }
    if (o.host === entry) return true;
  }
  return false;
}
