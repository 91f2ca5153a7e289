// The retention cleanup's SQL: each statement removes one bounded batch, so no transaction holds locks for long.
import type { Sql } from '../../sql.ts';

export interface Removed {
  rows: number;
  bytes: number;
}

/**
 * One batch of a project's events older than the cutoff, walking the (projectId, timestamp) index. Bytes are the
 * rows as stored (heap and TOAST, compressed); index entries are not counted.
 */
export async function deleteEventBatch(sql: Sql, projectId: number, cutoff: Date, limit: number): Promise<Removed> {
  const [r] = await sql.rows<{ n: number; bytes: string }>(
    `WITH doomed AS (
       SELECT id FROM "Event" WHERE "projectId" = $1 AND "timestamp" < $2 LIMIT $3
     ), gone AS (
       DELETE FROM "Event" e USING doomed WHERE e.id = doomed.id RETURNING pg_column_size(e.*) AS b
     )
     SELECT count(*)::int AS n, coalesce(sum(b), 0)::bigint AS bytes FROM gone`,
    projectId,
    cutoff,
    limit,
  );
  return { rows: r.n, bytes: Number(r.bytes) };
}

/**
 * One batch of issues whose last event is gone: not seen since the cutoff and without events. Their hashes, tag
 * values, users, hourly counts and alert throttles go with them (ON DELETE CASCADE); alert deliveries keep only the
 * issue id, so the alert history stays.
 */
export async function deleteIssueBatch(sql: Sql, projectId: number, cutoff: Date, limit: number): Promise<number> {
  const [r] = await sql.rows<{ n: number }>(
    `WITH gone AS (
       DELETE FROM "Issue" WHERE id IN (
         SELECT i.id FROM "Issue" i
         WHERE i."projectId" = $1 AND i."lastSeen" < $2
           AND NOT EXISTS (SELECT 1 FROM "Event" e WHERE e."issueId" = i.id)
         LIMIT $3)
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM gone`,
    projectId,
    cutoff,
    limit,
  );
  return r.n;
}

/** Hourly counts older than the cutoff of the issues that stay (their totals on Issue are kept). */
export async function deleteHourlyBatch(sql: Sql, projectId: number, cutoff: Date, limit: number): Promise<number> {
  const issueRows = await sql.run(
    `DELETE FROM "IssueHourlyCount" WHERE ctid IN (
       SELECT h.ctid FROM "IssueHourlyCount" h JOIN "Issue" i ON i.id = h."issueId"
       WHERE i."projectId" = $1 AND h."hour" < $2 LIMIT $3)`,
    projectId,
    cutoff,
    limit,
  );
  const projectRows = await sql.run(
    `DELETE FROM "ProjectHourlyCount" WHERE "projectId" = $1 AND "hour" < $2`,
    projectId,
    cutoff,
  );
  return issueRows + projectRows;
}

export async function deleteAttachments(sql: Sql, projectId: number, cutoff: Date): Promise<Removed> {
  const [r] = await sql.rows<{ n: number; bytes: string }>(
    `WITH gone AS (
       DELETE FROM "EventAttachment" WHERE "projectId" = $1 AND "createdAt" < $2 RETURNING size
     )
     SELECT count(*)::int AS n, coalesce(sum(size), 0)::bigint AS bytes FROM gone`,
    projectId,
    cutoff,
  );
  return { rows: r.n, bytes: Number(r.bytes) };
}

/** What a cleanup would remove (--dry-run): events and their bytes, and issues not seen since the cutoff. */
export async function countExpired(sql: Sql, projectId: number, cutoff: Date) {
  const [r] = await sql.rows<{ events: number; bytes: string; issues: number }>(
    `SELECT (SELECT count(*)::int FROM "Event" WHERE "projectId" = $1 AND "timestamp" < $2) AS events,
            (SELECT coalesce(sum(pg_column_size(e.*)), 0)::bigint FROM "Event" e
              WHERE e."projectId" = $1 AND e."timestamp" < $2) AS bytes,
            (SELECT count(*)::int FROM "Issue" WHERE "projectId" = $1 AND "lastSeen" < $2) AS issues`,
    projectId,
    cutoff,
  );
  return { events: r.events, bytes: Number(r.bytes), issues: r.issues };
}

/** Every project, an organization's, or the projects with a slug (in one organization, or in any). */
export async function projectsToClean(sql: Sql, org: string | undefined, project: string | undefined) {
  return sql.rows<{ id: number; slug: string; org: string; retentionDays: number | null }>(
    `SELECT p.id, p.slug, o.slug AS org, p."retentionDays" FROM "Project" p JOIN "Organization" o ON o.id = p."orgId"
     WHERE ($1::text IS NULL OR o.slug = $1) AND ($2::text IS NULL OR p.slug = $2) ORDER BY p.id`,
    org ?? null,
    project ?? null,
  );
}

export async function orgExists(sql: Sql, slug: string): Promise<boolean> {
  return (await sql.rows(`SELECT 1 FROM "Organization" WHERE slug = $1`, slug)).length > 0;
}
