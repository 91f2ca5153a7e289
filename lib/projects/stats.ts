// Event counts per project over a period, in Sentry's `stats` form ([[unix_seconds, count], ...], oldest first),
// from ProjectHourlyCount (which the worker keeps per hour); bucketed the same way as issue stats.
import type { Db } from '../db.ts';
import { bucketize, bucketStarts, type StatsPeriod } from '../issues/stats.ts';

export { STATS_PERIODS, type StatsPeriod } from '../issues/stats.ts';

/** Stats for several projects in one query. */
export async function projectStats(db: Db, projectIds: number[], period: StatsPeriod, now = new Date()) {
  const { starts } = bucketStarts(period, now);
  const rows = await db.projectHourlyCount.findMany({
    where: { projectId: { in: projectIds }, hour: { gte: new Date(starts[0]) } },
    select: { projectId: true, hour: true, count: true },
  });
  const byProject = new Map<number, { hour: Date; count: number }[]>();
  for (const r of rows) {
    const list = byProject.get(r.projectId) ?? [];
    list.push(r);
    byProject.set(r.projectId, list);
  }
  return new Map(projectIds.map((id) => [id, bucketize(byProject.get(id) ?? [], period, now)]));
}

/** Unresolved issues per project (the dashboard home shows it beside the chart). */
export async function unresolvedCounts(db: Db, projectIds: number[]) {
  const rows = await db.issue.groupBy({
    by: ['projectId'],
    where: { projectId: { in: projectIds }, status: 'unresolved' },
    _count: { _all: true },
  });
  const m = new Map<number, number>(projectIds.map((id) => [id, 0]));
  for (const r of rows) m.set(r.projectId, r._count._all);
  return m;
}
