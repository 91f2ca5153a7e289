// The user of an event: normalization of the `user` interface and the identity counted as "users affected".

import { clean, isRecord, name } from './clean';
import type { EventUser, NormalizedEvent } from './types';

/** `user` with its identity fields as strings (ids are often numbers) and `{{auto}}` resolved to the sender's IP. */
export function normalizeUser(v: unknown, clientIp: string | undefined): EventUser | undefined {
  if (!isRecord(v)) return undefined;
  const user = clean(v, 0) as EventUser;
  for (const key of ['id', 'email', 'username', 'segment'] as const) {
    const value = name(user[key], 256);
    if (value === undefined) delete user[key];
    else user[key] = value;
  }
  const ip = user.ip_address === '{{auto}}' ? clientIp : name(user.ip_address, 64);
  if (ip === undefined) delete user.ip_address;
  else user.ip_address = ip;
  return Object.keys(user).length > 0 ? user : undefined;
}

/** `id:<id>`, else `email:`, else `username:`, else `ip:`; null when the event names no user. */
export function userKey(ev: Pick<NormalizedEvent, 'user'>): string | null {
  const u = ev.user;
  if (!u) return null;
  if (u.id) return `id:${u.id}`;
  if (u.email) return `email:${u.email}`;
  if (u.username) return `username:${u.username}`;
  if (u.ip_address) return `ip:${u.ip_address}`;
  return null;
}

/**
 * Every identity the event's user carries, as `user.id`, `user.email`, `user.username` and `user.ip` tag pairs, so
 * `user.email:` finds an event whose SDK also sent an id (the `user` tag holds only the first of them).
 */
export function userIdentityTags(ev: Pick<NormalizedEvent, 'user'>): [string, string][] {
  const u = ev.user;
  if (!u) return [];
  const pairs: [string, string | undefined][] = [
    ['user.id', u.id],
    ['user.email', u.email],
    ['user.username', u.username],
    ['user.ip', u.ip_address],
  ];
  return pairs
    .filter((p): p is [string, string] => typeof p[1] === 'string' && p[1] !== '')
    .map(([k, v]) => [k, v.slice(0, 200)]);
}
