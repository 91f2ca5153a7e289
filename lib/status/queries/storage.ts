// The Status page's storage SQL: catalog sizes and per-project event counts. Neither reads the events table.
import type { Db } from '../../db.ts';

export interface ProjectCount {
  id: number;
  org: string;
  slug: string;
  name: string;
  events: number;
}

/**
 * Database size, and the events table's size and planner row count over its tables: the table itself, or its
 * partitions if it is ever partitioned (pg_partition_tree lists nothing for a plain table; a partitioned parent,
 * relkind 'p', stores nothing itself and its reltuples would count the rows twice). Catalog reads only.
 */
export async function storageSizes(db: Db) {
  const [r] = await db.$queryRaw<{ database: bigint; events: bigint; rows: number | null }[]>`
    SELECT pg_database_size(current_database()) AS database,
           coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS events,
           (sum(c.reltuples) FILTER (WHERE c.reltuples >= 0))::float8 AS rows
    FROM pg_class c
    WHERE c.relkind = 'r'
      AND (c.oid = '"Event"'::regclass OR c.oid IN (SELECT relid FROM pg_partition_tree('"Event"'::regclass)))`;
  return {
    databaseBytes: Number(r.database),
    eventTableBytes: Number(r.events),
    eventRowsEstimate: r.rows === null ? null : Math.round(r.rows),
  };
}

/**
 * The projects with the most stored events, from ProjectHourlyCount: the worker adds every event it stores to the
 * event's hour, and retention deletes the hours older than the cutoff it deletes events by, so each project's sum is
 * what it stores (to within the hours at the cutoff). `totalEvents` is over every project, for the shares. The cost
 * grows with projects × hours kept, not with events: 100 projects × 120 days (288,000 rows) took 63–83 ms at load
 * average 5.
 */
export async function largestProjectCounts(
  db: Db,
  limit: number,
): Promise<{ projects: ProjectCount[]; totalEvents: number }> {
  const rows = await db.$queryRaw<(Omit<ProjectCount, 'events'> & { events: bigint; total: bigint })[]>`
    WITH per AS (
      SELECT "projectId", sum("count")::bigint AS events FROM "ProjectHourlyCount" GROUP BY "projectId"
    )
    SELECT p.id, o.slug AS org, p.slug, p.name, per.events, sum(per.events) OVER ()::bigint AS total
    FROM per JOIN "Project" p ON p.id = per."projectId" JOIN "Organization" o ON o.id = p."orgId"
    ORDER BY per.events DESC, p.id
    LIMIT ${limit}`;
  return {
    projects: rows.map((r) => ({ id: r.id, org: r.org, slug: r.slug, name: r.name, events: Number(r.events) })),
    totalEvents: Number(rows[0]?.total ?? 0),
  };
}
