// The client's IP as the proxies in front of Faultline saw it: per-IP sign-in limits, the IP queued with events.
import { config } from '../config.ts';

/**
 * The client's address from X-Forwarded-For. Next.js fills that header with the socket address only when the
 * request has none, so with AUTH_TRUSTED_PROXY_HOPS=0 a direct client can choose its own value (the
 * per-username limit still holds); behind N proxies the Nth entry from the right is the one they saw.
 */
export function clientIp(
  headers: Record<string, string | string[] | undefined> | Headers,
  hops = config().AUTH_TRUSTED_PROXY_HOPS,
): string | null {
  const raw = headers instanceof Headers ? headers.get('x-forwarded-for') : headers['x-forwarded-for'];
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  if (!value) return null;
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (!entries.length) return null;
  const ip = entries[Math.max(0, entries.length - 1 - hops)];
  return ip.slice(0, 64);
}
