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

export async function keyRows(db: Db, issueId: number, key?: string): Promise<KeyRow[]> {
  const byKey = key === undefined ? Prisma.empty : Prisma.sql`AND key = ${key}`;
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
  const byKey = key === undefined ? Prisma.empty : Prisma.sql`AND key = ${key}`;
  const rows = await db.$queryRaw<ValueRow[]>`
    SELECT key, value, count, "firstSeen", "lastSeen" FROM (
      SELECT *, row_number() OVER (PARTITION BY key ORDER BY count DESC, value) AS rn
      FROM "IssueTagValue" WHERE "issueId" = ${issueId} ${byKey}
    ) v WHERE rn <= ${limit} ORDER BY key, count DESC, value`;
  const out = new Map<string, ValueRow[]>();
  for (const r of rows) out.set(r.key, [...(out.get(r.key) ?? []), r]);
  return out;
}
