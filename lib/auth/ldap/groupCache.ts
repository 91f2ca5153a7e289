// Optional Redis cache of a user's group DNs (LDAP_CACHE_GROUPS, LDAP_GROUP_CACHE_TIMEOUT seconds).
// While cached, group changes in the directory take effect only when the entry expires (as in the seed).
import { createHash } from 'node:crypto';
import { redis, redisKey } from '../../redis.ts';
import { normalizeDn } from './filter.ts';
import type { LdapSettings } from './settings.ts';

export function groupCacheKey(userDn: string): string {
  return redisKey(`ldap:groups:${createHash('sha1').update(normalizeDn(userDn)).digest('hex')}`);
}

export async function cachedGroups(s: LdapSettings, userDn: string, load: () => Promise<string[]>): Promise<string[]> {
  if (!s.cacheGroups || s.groupCacheTimeout <= 0) return load();
  const key = groupCacheKey(userDn);
  const hit = await redis().get(key);
  if (hit !== null) return JSON.parse(hit) as string[];
  const groups = await load();
  await redis().set(key, JSON.stringify(groups), 'EX', s.groupCacheTimeout);
  return groups;
}
