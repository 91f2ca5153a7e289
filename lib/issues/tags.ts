// Tag facets of an issue from IssueTagValue: per key the events carrying it and its most frequent values.
import type { Db } from '../db.ts';
import { NotFoundError } from '../errors.ts';
import { paginate } from '../api/pagination.ts';
import { keyRows, topValues, type KeyRow, type ValueRow } from './queries/tags.ts';
import type { TagKey, TagValue } from './contract.ts';

// Sentry's labels for its well-known keys; other keys are title-cased.
const LABELS: Record<string, string> = {
  os: 'OS',
  'os.name': 'OS Name',
  url: 'URL',
  server_name: 'Server',
  dist: 'Distribution',
  'browser.name': 'Browser Name',
};

export function tagKeyLabel(key: string): string {
  return LABELS[key] ?? key.replace(/[_.]/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

export function serializeTagValue(r: ValueRow): TagValue {
  return {
    key: r.key,
    name: r.value,
    value: r.value,
    count: Number(r.count),
    firstSeen: r.firstSeen.toISOString(),
    lastSeen: r.lastSeen.toISOString(),
  };
}

/** `totalValues` is Sentry's "events with this tag"; `uniqueValues` the distinct values. */
function keySummary(k: KeyRow): TagKey {
  return { key: k.key, name: tagKeyLabel(k.key), totalValues: Number(k.total), uniqueValues: Number(k.unique) };
}

/** The `tags` of the issue detail: keys only. */
export async function issueTagKeys(db: Db, issueId: number) {
  return (await keyRows(db, issueId)).map(keySummary);
}

/** `/issues/{id}/tags/`: every key with its top values. */
export async function issueTags(db: Db, issueId: number, limit: number) {
  const [keys, top] = await Promise.all([keyRows(db, issueId), topValues(db, issueId, limit)]);
  return keys.map((k) => ({ ...keySummary(k), topValues: (top.get(k.key) ?? []).map(serializeTagValue) }));
}

/** `/issues/{id}/tags/{key}/`; 404 when no event of the issue has the key. */
export async function issueTag(db: Db, issueId: number, key: string, limit: number) {
  const [keys, top] = await Promise.all([keyRows(db, issueId, key), topValues(db, issueId, limit, key)]);
  if (keys.length === 0) throw new NotFoundError('Tag key not found');
  return { ...keySummary(keys[0]), topValues: (top.get(key) ?? []).map(serializeTagValue) };
}

export const TAG_VALUE_SORTS = {
  '-count': 'count',
  '-last_seen': 'lastSeen',
  '-first_seen': 'firstSeen',
  count: 'count',
  date: 'lastSeen',
  age: 'firstSeen',
} as const;
export type TagValueSort = keyof typeof TAG_VALUE_SORTS;

/** `/issues/{id}/tags/{key}/values/`: all values of a key, paginated. */
export async function issueTagValues(db: Db, url: URL, issueId: number, key: string, sort: TagValueSort) {
  const exists = await db.issueTagValue.findFirst({ where: { issueId, key }, select: { key: true } });
  if (!exists) throw new NotFoundError('Tag key not found');
  const column = TAG_VALUE_SORTS[sort];
  const page = await paginate(url, (offset, take) =>
    db.issueTagValue.findMany({
      where: { issueId, key },
      orderBy: [{ [column]: 'desc' }, { value: 'asc' }],
      skip: offset,
      take,
    }),
  );
  return { rows: page.rows.map(serializeTagValue), headers: page.headers };
}
