// What the issue search box offers as you type, as Sentry's organization tag endpoints answer it
// (`/organizations/{org}/tags/`, `/organizations/{org}/tags/{key}/values/`), over the selected projects' issues.
import type { Db } from '../db.ts';
import type { TagKey, TagValue } from './contract.ts';
import { LEVELS } from '../events/level.ts';
import { orgKeyRows, orgValueRows } from './queries/tags.ts';
import { serializeTagValue, tagKeyLabel } from './tags.ts';

/** Search keys that complete from another key's values. */
const VALUES_OF: Record<string, string> = {
  'first-release': 'release',
  firstrelease: 'release',
  first_release: 'release',
  'release.version': 'release',
  'user.ip_address': 'user.ip',
};

export async function orgTagKeys(db: Db, projectIds: number[]): Promise<TagKey[]> {
  if (projectIds.length === 0) return [];
  const rows = await orgKeyRows(db, projectIds);
  return rows.map((k) => ({
    key: k.key,
    name: tagKeyLabel(k.key),
    totalValues: Number(k.total),
    uniqueValues: Number(k.unique),
  }));
}

/** Up to `limit` values of `key` containing `query`, most frequent first; levels are the five even before events. */
export async function orgTagValues(
  db: Db,
  projectIds: number[],
  key: string,
  query: string,
  limit = 20,
): Promise<TagValue[]> {
  if (projectIds.length === 0) return [];
  const stored = VALUES_OF[key.toLowerCase()] ?? key;
  const rows = (await orgValueRows(db, projectIds, stored, query, limit)).map(serializeTagValue);
  if (stored !== 'level') return rows.map((r) => ({ ...r, key }));
  const seen = new Set(rows.map((r) => r.value));
  const missing = LEVELS.filter((l) => !seen.has(l) && l.includes(query.toLowerCase()));
  const never = new Date(0).toISOString();
  return [...rows, ...missing.map((l) => ({ key, name: l, value: l, count: 0, firstSeen: never, lastSeen: never }))];
}
