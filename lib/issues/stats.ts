// Event counts over time per issue, in Sentry's `stats` shape: `{"24h": [[unix_seconds, count], ...]}`, from
// IssueHourlyCount.
import type { Db } from '../db.ts';

export const STATS_PERIODS = ['24h', '14d', '30d'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];
export type StatsSeries = [number, number][];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Buckets of a period ending with the one that holds `now`: 24 hours, or 14 / 30 UTC days. */
export function bucketStarts(period: StatsPeriod, now: Date): { starts: number[]; size: number } {
  const size = period === '24h' ? HOUR : DAY;
  const n = period === '24h' ? 24 : period === '14d' ? 14 : 30;
  const last = Math.floor(now.getTime() / size) * size;
  return { starts: Array.from({ length: n }, (_, i) => last - (n - 1 - i) * size), size };
}

/** Fills the buckets of each period from hourly rows (`hour` is the start of the hour). */
export function bucketize(rows: { hour: Date; count: number }[], period: StatsPeriod, now: Date): StatsSeries {
  const { starts, size } = bucketStarts(period, now);
  const counts = new Map(starts.map((s) => [s, 0]));
  for (const r of rows) {
    const b = Math.floor(r.hour.getTime() / size) * size;
    if (counts.has(b)) counts.set(b, counts.get(b)! + r.count);
  }
  return starts.map((s) => [s / 1000, counts.get(s)!]);
}

/** Stats for many issues at once: one range read of IssueHourlyCount's primary key. */
export async function issueStats(
  db: Db,
  issueIds: number[],
  periods: StatsPeriod[],
  now = new Date(),
): Promise<Map<number, Partial<Record<StatsPeriod, StatsSeries>>>> {
  const out = new Map<number, Partial<Record<StatsPeriod, StatsSeries>>>();
  if (issueIds.length === 0 || periods.length === 0) return out;
  const since = Math.min(...periods.map((p) => bucketStarts(p, now).starts[0]));
  const rows = await db.issueHourlyCount.findMany({
    where: { issueId: { in: issueIds }, hour: { gte: new Date(since) } },
    select: { issueId: true, hour: true, count: true },
  });
  const byIssue = new Map<number, { hour: Date; count: number }[]>();
  for (const r of rows) {
    const list = byIssue.get(r.issueId) ?? [];
    list.push(r);
    byIssue.set(r.issueId, list);
  }
  for (const id of issueIds) {
    const series: Partial<Record<StatsPeriod, StatsSeries>> = {};
    for (const p of periods) series[p] = bucketize(byIssue.get(id) ?? [], p, now);
    out.set(id, series);
  }
  return out;
}
