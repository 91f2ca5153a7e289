// The client's IP for per-IP sign-in limits: the socket address as Faultline's own server saw it, or, behind
// trusted reverse proxies, the X-Forwarded-For entry the outermost of them appended.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { config } from '../config.ts';

type HeaderBag = Record<string, string | string[] | undefined> | Headers;

const get = (headers: HeaderBag, name: string): string | undefined => {
  const raw = headers instanceof Headers ? (headers.get(name) ?? undefined) : headers[name];
  return Array.isArray(raw) ? raw.join(',') : raw;
};

/**
 * The header Faultline's node:http server layer sets from the socket: a Next.js route handler cannot see the
 * socket, and Next itself only fills X-Forwarded-For when the client sent none, so that header can be chosen by
 * the client. The value is signed with SECRET_KEY, so a client that sends this header itself is ignored.
 */
export const PEER_HEADER = 'x-faultline-peer';

const sign = (ip: string, key: string) => createHmac('sha256', key).update(ip).digest('base64url').slice(0, 22);

/** For the server layer, on every request before Next.js sees it: replaces whatever the client sent. */
export function stampPeerAddress(
  headers: IncomingHttpHeaders,
  socketAddress: string | undefined,
  key = config().secretKey,
): void {
  delete headers[PEER_HEADER];
  if (socketAddress) headers[PEER_HEADER] = `${socketAddress} ${sign(socketAddress, key)}`;
}

function peerAddress(headers: HeaderBag, key: string): string | null {
  const [ip, mac] = (get(headers, PEER_HEADER) ?? '').split(' ');
  if (!ip || !mac) return null;
  const want = Buffer.from(sign(ip, key));
  const got = Buffer.from(mac);
  return got.length === want.length && timingSafeEqual(got, want) ? ip.slice(0, 64) : null;
}

/**
 * With AUTH_TRUSTED_PROXY_HOPS=0: the stamped socket address, never X-Forwarded-For (null when no server layer
 * stamped it; the per-username limit still holds). Behind N proxies: the Nth X-Forwarded-For entry from the right.
 */
export function clientIp(
  headers: HeaderBag,
  hops = config().AUTH_TRUSTED_PROXY_HOPS,
  key = config().secretKey,
): string | null {
  if (hops === 0) return peerAddress(headers, key);
  const entries = forwardedFor(headers);
  if (!entries.length) return null;
  return entries[Math.max(0, entries.length - 1 - hops)].slice(0, 64);
}

/** X-Forwarded-For entries, left to right. */
export function forwardedFor(headers: HeaderBag): string[] {
  return (get(headers, 'x-forwarded-for') ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
}

/**
 * For a handler that holds the socket (the node:http ingest path): the socket address itself with no proxies
 * trusted, so nothing needs signing and checking per request; behind proxies, as clientIp().
 */
export function socketClientIp(
  headers: HeaderBag,
  socketAddress: string | undefined,
  hops = config().AUTH_TRUSTED_PROXY_HOPS,
): string | null {
  if (hops === 0) return socketAddress?.slice(0, 64) ?? null;
  return clientIp(headers, hops) ?? socketAddress?.slice(0, 64) ?? null;
}
