// Event counts per project over a period, in Sentry's `stats` form ([[unix_seconds, count], ...], oldest first),
// from ProjectHourlyCount, which the worker keeps per hour.
import type { Db } from '../db.ts';

export const STATS_PERIODS = ['24h', '14d', '30d'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Bucket starts for a period ending now: 24 hourly buckets for 24h, daily buckets (UTC) for 14d and 30d. */
export function buckets(period: StatsPeriod, now: Date): { starts: number[]; size: number } {
  const size = period === '24h' ? HOUR : DAY;
  const n = period === '24h' ? 24 : period === '14d' ? 14 : 30;
  const last = Math.floor(now.getTime() / size) * size;
  return { starts: Array.from({ length: n }, (_, i) => last - (n - 1 - i) * size), size };
}

/** Places hourly counts into the period's buckets; hours outside the period are ignored. */
export function fillBuckets(period: StatsPeriod, now: Date, hourly: { hour: Date; count: number }[]): [number, number][] {
  const { starts, size } = buckets(period, now);
  const counts = new Map<number, number>(starts.map((s) => [s, 0]));
  for (const h of hourly) {
    const start = Math.floor(h.hour.getTime() / size) * size;
    if (counts.has(start)) counts.set(start, counts.get(start)! + h.count);
  }
  return starts.map((s) => [s / 1000, counts.get(s)!]);
}

/** Stats for several projects in one query. */
export async function projectStats(db: Db, projectIds: number[], period: StatsPeriod, now = new Date()) {
  const { starts } = buckets(period, now);
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
  return new Map(projectIds.map((id) => [id, fillBuckets(period, now, byProject.get(id) ?? [])]));
}

/** Unresolved issues per project (the dashboard home shows it beside the chart). */
export async function unresolvedCounts(db: Db, projectIds: number[]) {
  const rows = await db.issue.groupBy({ by: ['projectId'], where: { projectId: { in: projectIds }, status: 'unresolved' }, _count: { _all: true } });
  const m = new Map<number, number>(projectIds.map((id) => [id, 0]));
  for (const r of rows) m.set(r.projectId, r._count._all);
  return m;
}
