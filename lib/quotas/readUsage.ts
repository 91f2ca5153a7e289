// Reads a project's daily outcomes (ProjectUsageDaily) and the database's size for the Usage page.
import { config } from '../config.ts';
import type { Db } from '../db.ts';
import type { ProjectUsage, UsageDay } from './contract.ts';
import { quotaSettings, quotaColumns } from './settings.ts';

const FIELD: Record<string, keyof Omit<UsageDay, 'date'>> = {
  accepted: 'accepted',
  rate_limited: 'rateLimited',
  refused: 'refused',
  client_discard: 'clientDiscarded',
};

export async function readUsage(db: Db, projectId: number, days = 30, now = new Date()): Promise<ProjectUsage> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = new Date(today - (days - 1) * 86_400_000);
  const [rows, project, size] = await Promise.all([
    db.projectUsageDaily.findMany({ where: { projectId, day: { gte: from } } }),
    db.project.findUniqueOrThrow({ where: { id: projectId }, select: { ...quotaColumns, retentionDays: true } }),
    db.$queryRaw<{ database: bigint; events: bigint; stored: bigint }[]>`
      SELECT pg_database_size(current_database()) AS database,
             pg_total_relation_size('"Event"') AS events,
             (SELECT count(*) FROM "Event" WHERE "projectId" = ${projectId}) AS stored`,
  ]);
  const byDay = new Map<string, UsageDay>();
  for (let i = 0; i < days; i++) {
    const date = new Date(from.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    byDay.set(date, { date, accepted: 0, rateLimited: 0, refused: 0, clientDiscarded: 0 });
  }
  const reasons = new Map<string, ProjectUsage['reasons'][number]>();
  for (const r of rows) {
    const day = byDay.get(r.day.toISOString().slice(0, 10));
    const field = FIELD[r.outcome];
    if (day && field) day[field] += Number(r.quantity);
    const k = `${r.outcome}|${r.category}|${r.reason}`;
    const total = reasons.get(k) ?? { outcome: r.outcome, category: r.category, reason: r.reason, quantity: 0 };
    total.quantity += Number(r.quantity);
    reasons.set(k, total);
  }
  const q = quotaSettings(project);
  return {
    days: [...byDay.values()],
    reasons: [...reasons.values()].sort((a, b) => b.quantity - a.quantity),
    limits: {
      perMinute: q.perMinute,
      perDay: q.perDay,
      orgPerMinute: q.orgPerMinute,
      spikeFactor: q.spikeFactor,
      retentionDays: project.retentionDays ?? config().EVENT_RETENTION_DAYS,
    },
    storage: {
      databaseBytes: Number(size[0].database),
      eventTableBytes: Number(size[0].events),
      storedEvents: Number(size[0].stored),
    },
  };
}
