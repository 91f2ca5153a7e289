// The raw SQL of an issue's tag facets (IssueTagValue): per-key totals and the top values of each key.
import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db.ts';

export interface ValueRow {
  key: string;
  value: string;
  count: bigint;
  firstSeen: Date;
  lastSeen: Date;
}

export interface KeyRow {
  key: string;
  total: bigint;
  unique: bigint;
}

/**
 * The per-field user identities (`user.email`, ...) are stored for search only; the facets show them once, as `user`.
 * Asked for by name they answer like any key (the search box completes their values).
 */
function keyFilter(key: string | undefined): Prisma.Sql {
  return key === undefined ? Prisma.sql`AND key NOT LIKE 'user.%'` : Prisma.sql`AND key = ${key}`;
}

export async function keyRows(db: Db, issueId: number, key?: string): Promise<KeyRow[]> {
  const byKey = keyFilter(key);
  return db.$queryRaw<KeyRow[]>`
    SELECT key, SUM(count)::bigint AS total, COUNT(*)::bigint AS unique FROM "IssueTagValue"
    WHERE "issueId" = ${issueId} ${byKey} GROUP BY key ORDER BY total DESC, key`;
}

export async function topValues(
  db: Db,
  issueId: number,
  limit: number,
  key?: string,
): Promise<Map<string, ValueRow[]>> {
  const byKey = keyFilter(key);
  const rows = await db.$queryRaw<ValueRow[]>`
    SELECT key, value, count, "firstSeen", "lastSeen" FROM (
      SELECT *, row_number() OVER (PARTITION BY key ORDER BY count DESC, value) AS rn
      FROM "IssueTagValue" WHERE "issueId" = ${issueId} ${byKey}
    ) v WHERE rn <= ${limit} ORDER BY key, count DESC, value`;
  const out = new Map<string, ValueRow[]>();
  for (const r of rows) out.set(r.key, [...(out.get(r.key) ?? []), r]);
  return out;
}

/** Tag keys over the issues of several projects (the search box's key list). */
export async function orgKeyRows(db: Db, projectIds: number[]): Promise<KeyRow[]> {
  return db.$queryRaw<KeyRow[]>`
    SELECT tv.key, SUM(tv.count)::bigint AS total, COUNT(DISTINCT tv.value)::bigint AS unique
    FROM "IssueTagValue" tv JOIN "Issue" i ON i.id = tv."issueId"
    WHERE i."projectId" IN (${Prisma.join(projectIds)})
    GROUP BY tv.key ORDER BY total DESC, tv.key LIMIT 200`;
}

/** Values of one key containing `query` (case-insensitive) over several projects, summed across issues. */
export async function orgValueRows(
  db: Db,
  projectIds: number[],
  key: string,
  query: string,
  limit: number,
): Promise<ValueRow[]> {
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db.$queryRaw<ValueRow[]>`
    SELECT tv.key, tv.value, SUM(tv.count)::bigint AS count,
      MIN(tv."firstSeen") AS "firstSeen", MAX(tv."lastSeen") AS "lastSeen"
    FROM "IssueTagValue" tv JOIN "Issue" i ON i.id = tv."issueId"
    WHERE tv.key = ${key} AND i."projectId" IN (${Prisma.join(projectIds)}) AND tv.value ILIKE ${pattern}
    GROUP BY tv.key, tv.value ORDER BY count DESC, tv.value LIMIT ${limit}`;
}
