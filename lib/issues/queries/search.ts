// SQL for issue search: parsed search terms → a WHERE clause, and the paginated id list behind every issue list.
// Each sort has an index on (projectId, <column> DESC); tag filters use IssueTagValue's primary key per issue.
import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db.ts';
import {
  NEW_ISSUE_DAYS,
  type AssignTarget,
  type Comparison,
  type IssueFilter,
  type IssueSort,
  type SearchTerm,
} from '../search.ts';

const SORT_COLUMN: Record<IssueSort, string> = {
  date: '"lastSeen"',
  new: '"firstSeen"',
  freq: '"eventCount"',
  user: '"userCount"',
};

const OPS: Record<Comparison, Prisma.Sql> = {
  '>': Prisma.raw('>'),
  '>=': Prisma.raw('>='),
  '<': Prisma.raw('<'),
  '<=': Prisma.raw('<='),
  '=': Prisma.raw('='),
};

function likePattern(s: string, wildcard: boolean): string {
  const escaped = s.replace(/[\\%_]/g, (c) => `\\${c}`);
  return wildcard ? escaped.replace(/\*/g, '%') : `%${escaped}%`;
}

/** A value list that matches exactly, or by LIKE where a value has a `*`. */
function valueMatch(column: Prisma.Sql, values: string[]): Prisma.Sql {
  const exact = values.filter((v) => !v.includes('*'));
  const wild = values.filter((v) => v.includes('*'));
  const parts: Prisma.Sql[] = [];
  if (exact.length) parts.push(Prisma.sql`${column} IN (${Prisma.join(exact)})`);
  for (const w of wild) parts.push(Prisma.sql`${column} LIKE ${likePattern(w, true)}`);
  return Prisma.sql`(${Prisma.join(parts, ' OR ')})`;
}

function assignTargetSql(t: AssignTarget, viewerId: number): Prisma.Sql {
  switch (t.type) {
    case 'me':
      return Prisma.sql`i."assignedUserId" = ${viewerId}`;
    case 'none':
      return Prisma.sql`(i."assignedUserId" IS NULL AND i."assignedTeamId" IS NULL)`;
    case 'user':
      return Prisma.sql`i."assignedUserId" IN (SELECT u.id FROM "User" u WHERE lower(u.email) = lower(${t.value}) OR
        u.username = ${t.value})`;
    case 'team':
      return Prisma.sql`i."assignedTeamId" IN (SELECT t.id FROM "Team" t JOIN "Project" p ON p."orgId" = t."orgId"
        WHERE p.id = i."projectId" AND t.slug = ${t.slug})`;
  }
}

/** Negation must treat NULL (an unassigned issue compared with a user id) as "does not match". */
function maybeNot(sql: Prisma.Sql, negated: boolean): Prisma.Sql {
  return negated ? Prisma.sql`NOT COALESCE((${sql}), false)` : sql;
}

function termSql(t: SearchTerm, f: IssueFilter): Prisma.Sql {
  const newSince = new Date(f.now.getTime() - NEW_ISSUE_DAYS * 86_400_000);
  switch (t.kind) {
    case 'status':
      return maybeNot(
        Prisma.sql`i.status IN (${Prisma.join(t.values.map((v) => Prisma.sql`${v}::"IssueStatus"`))})`,
        t.negated,
      );
    case 'substatus': {
      const unresolved = Prisma.sql`i.status = 'unresolved'::"IssueStatus"`;
      const sql =
        t.value === 'new'
          ? Prisma.sql`(${unresolved} AND i.substatus = 'new' AND i."firstSeen" >= ${newSince})`
          : t.value === 'ongoing'
            ? Prisma.sql`(${unresolved} AND (i.substatus = 'ongoing' OR (i.substatus = 'new' AND i."firstSeen" <
              ${newSince})))`
            : Prisma.sql`(${unresolved} AND i.substatus = 'regressed')`;
      return maybeNot(sql, t.negated);
    }
    case 'hasAssignee': {
      const any = Prisma.sql`(i."assignedUserId" IS NOT NULL OR i."assignedTeamId" IS NOT NULL)`;
      return t.value ? any : Prisma.sql`NOT ${any}`;
    }
    case 'assigned':
      return maybeNot(
        Prisma.sql`(${Prisma.join(
          t.targets.map((x) => assignTargetSql(x, f.viewerId)),
          ' OR ',
        )})`,
        t.negated,
      );
    case 'level':
      return maybeNot(valueMatch(Prisma.sql`i.level`, t.values), t.negated);
    case 'forReview': {
      const sql = Prisma.sql`(i.status = 'unresolved'::"IssueStatus"
        AND (i.substatus = 'regressed' OR i."firstSeen" >= ${newSince}))`;
      return maybeNot(sql, t.negated);
    }
    case 'release':
      if (t.field === 'firstRelease') return maybeNot(valueMatch(Prisma.sql`i."firstRelease"`, t.values), t.negated);
      return termSql({ kind: 'tag', key: 'release', values: t.values, negated: t.negated }, f);
    case 'tag': {
      const exists = Prisma.sql`EXISTS (SELECT 1 FROM "IssueTagValue" tv WHERE tv."issueId" = i.id AND tv.key = ${t.key}
        AND ${valueMatch(Prisma.sql`tv.value`, t.values)})`;
      return t.negated ? Prisma.sql`NOT ${exists}` : exists;
    }
    case 'has': {
      const exists = Prisma.sql`EXISTS (SELECT 1 FROM "IssueTagValue" tv WHERE tv."issueId" = i.id AND tv.key =
        ${t.key})`;
      return t.negated ? Prisma.sql`NOT ${exists}` : exists;
    }
    case 'date':
      return Prisma.sql`i.${Prisma.raw(t.field === 'firstSeen' ? '"firstSeen"' : '"lastSeen"')} ${OPS[t.op]}
        ${t.value}`;
    case 'timesSeen':
      return Prisma.sql`i."eventCount" ${OPS[t.op]} ${t.value}`;
    case 'text': {
      const pattern = likePattern(t.value, false);
      const text = Prisma.sql`(i.title ILIKE ${pattern} OR i.culprit ILIKE ${pattern})`;
      if (!t.shortId) return text;
      return Prisma.sql`(${text} OR (i."shortNumber" = ${t.shortId.number}
        AND i."projectId" IN (SELECT p.id FROM "Project" p WHERE p.slug = ${t.shortId.projectSlug})))`;
    }
  }
}

export function whereSql(f: IssueFilter): Prisma.Sql {
  const parts = [Prisma.sql`i."projectId" IN (${Prisma.join(f.projectIds)})`, ...f.terms.map((t) => termSql(t, f))];
  return Prisma.join(parts, ' AND ');
}

/** One page of matching issue ids in list order. */
export async function searchIssueIds(
  db: Db,
  f: IssueFilter,
  sort: IssueSort,
  offset: number,
  take: number,
): Promise<number[]> {
  if (f.projectIds.length === 0) return [];
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT i.id FROM "Issue" i WHERE ${whereSql(f)}
    ORDER BY i.${Prisma.raw(SORT_COLUMN[sort])} DESC, i.id DESC
    OFFSET ${offset} LIMIT ${take}`;
  return rows.map((r) => r.id);
}

/** Which of `keys` some issue of the projects carries as a tag (IssueTagValue's (key, value) index finds each). */
export async function existingTagKeys(db: Db, projectIds: number[], keys: string[]): Promise<string[]> {
  const rows = await db.$queryRaw<{ key: string }[]>`
    SELECT k.key FROM unnest(${keys}::text[]) AS k(key)
    WHERE EXISTS (SELECT 1 FROM "IssueTagValue" tv JOIN "Issue" i ON i.id = tv."issueId"
      WHERE tv.key = k.key AND i."projectId" IN (${Prisma.join(projectIds)}))`;
  return rows.map((r) => r.key);
}

/** The releases of the projects whose version is `version` or ends in `@version` (Sentry's `package@version`). */
export async function releasesWithVersion(db: Db, projectIds: number[], version: string): Promise<string[]> {
  const suffix = `%@${version.replace(/[\\%_]/g, (c) => `\\${c}`)}`;
  const rows = await db.$queryRaw<{ version: string }[]>`
    SELECT DISTINCT r.version FROM "Release" r JOIN "ReleaseProject" rp ON rp."releaseId" = r.id
    WHERE rp."projectId" IN (${Prisma.join(projectIds)}) AND (r.version = ${version} OR r.version LIKE ${suffix})
    ORDER BY r.version LIMIT 20`;
  return rows.map((r) => r.version);
}

/** The newest release of the projects: released, else started, else first seen. */
export async function latestRelease(db: Db, projectIds: number[]): Promise<string | null> {
  const rows = await db.$queryRaw<{ version: string }[]>`
    SELECT r.version FROM "Release" r JOIN "ReleaseProject" rp ON rp."releaseId" = r.id
    WHERE rp."projectId" IN (${Prisma.join(projectIds)})
    ORDER BY COALESCE(r."dateReleased", r."dateStarted", r."createdAt") DESC, r.id DESC LIMIT 1`;
  return rows[0]?.version ?? null;
}
