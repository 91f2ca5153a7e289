// The issue's activity feed: what people and Faultline did to it, recorded as it happens, plus first seen and the
// alert deliveries read from their own tables. Sentry's shapes (`/issues/{id}/activities/`).
import type { Db } from '../db.ts';
import type { StoredEvent } from '../digest/types.ts';
import { log } from '../log.ts';
import type { Activity, ActivityUser, Actor } from './contract.ts';
import { notifyPeople } from './notify.ts';

export interface NewActivity {
  type: string;
  data: Record<string, unknown>;
}

/** The activity a status change leaves, in Sentry's type names. */
export function statusActivity(status: string, statusDetails: Record<string, unknown>): NewActivity {
  if (status === 'resolved') {
    if (statusDetails.inNextRelease) return { type: 'set_resolved_in_release', data: { inNextRelease: true } };
    if (statusDetails.inRelease) return { type: 'set_resolved_in_release', data: { version: statusDetails.inRelease } };
    return { type: 'set_resolved', data: {} };
  }
  if (status === 'ignored') return { type: 'set_ignored', data: statusDetails };
  return { type: 'set_unresolved', data: {} };
}

export function assignmentActivity(a: Actor | null): NewActivity {
  return a
    ? { type: 'assigned', data: { assignee: a.id, assigneeType: a.type, assigneeName: a.name } }
    : { type: 'unassigned', data: {} };
}

export async function recordActivity(db: Db, issueIds: number[], userId: number | null, a: NewActivity): Promise<void> {
  if (issueIds.length === 0) return;
  await db.issueActivity.createMany({
    data: issueIds.map((issueId) => ({ issueId, userId, type: a.type, data: a.data as object })),
  });
}

/** Follows the issues for regression emails; an existing subscription keeps its first reason. */
export async function subscribe(db: Db, issueIds: number[], userIds: number[], reason: string): Promise<void> {
  const data = issueIds.flatMap((issueId) => userIds.map((userId) => ({ issueId, userId, reason })));
  if (data.length) await db.issueSubscription.createMany({ data, skipDuplicates: true });
}

/**
 * After the worker stores events (outside its transaction, like alerts): a `set_regression` entry per reopened
 * issue, and an email to the people following it. Failures are logged; the events are stored either way.
 */
export async function recordRegressions(db: Db, stored: StoredEvent[]): Promise<void> {
  const ids = [...new Set(stored.filter((s) => s.isRegression).map((s) => s.issueId))];
  for (const issueId of ids) {
    try {
      const ev = stored.find((s) => s.issueId === issueId && s.isRegression)!;
      await recordActivity(db, [issueId], null, {
        type: 'set_regression',
        data: { version: ev.release, eventId: ev.eventId },
      });
      const subs = await db.issueSubscription.findMany({
        where: { issueId, user: { isActive: true } },
        select: { user: { select: { email: true } } },
      });
      await notifyPeople(
        db,
        issueId,
        subs.map((s) => s.user.email),
        `Regression${ev.release ? ` in ${ev.release}` : ''}: an issue you follow is back`,
      );
    } catch (e) {
      log.error('recording a regression failed', { err: e, issueId });
    }
  }
}

function activityUser(
  u: { id: number; name: string; email: string; username: string | null } | null,
): ActivityUser | null {
  return u ? { id: String(u.id), name: u.name || u.email, email: u.email, username: u.username } : null;
}

const USER_SELECT = { id: true, name: true, email: true, username: true } as const;

/** Newest first: recorded entries, alert deliveries and first seen (always last). */
export async function listActivity(db: Db, issue: { id: number; firstSeen: Date }, limit = 200): Promise<Activity[]> {
  const [rows, deliveries] = await Promise.all([
    db.issueActivity.findMany({
      where: { issueId: issue.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      include: { user: { select: USER_SELECT } },
    }),
    db.alertDelivery.findMany({
      where: { issueId: issue.id, status: { not: 'digested' } },
      orderBy: { createdAt: 'desc' },
      take: 50,
      select: {
        id: true,
        status: true,
        createdAt: true,
        sentAt: true,
        ruleId: true,
        payload: true,
        channel: { select: { name: true, type: true } },
      },
    }),
  ]);
  const recorded: Activity[] = rows.map((r) => ({
    id: String(r.id),
    type: r.type,
    user: activityUser(r.user),
    data: r.data as Record<string, unknown>,
    dateCreated: r.createdAt.toISOString(),
  }));
  const alerts: Activity[] = deliveries.map((d) => {
    const p = d.payload as { reason?: string; rule?: { name?: string } };
    return {
      id: `alert-${d.id}`,
      type: 'alert_sent',
      user: null,
      data: {
        rule: p.rule?.name ?? null,
        reason: p.reason ?? null,
        channel: d.channel.name,
        channelType: d.channel.type,
        status: d.status,
      },
      dateCreated: (d.sentAt ?? d.createdAt).toISOString(),
    };
  });
  const firstSeen: Activity = {
    id: 'first-seen',
    type: 'first_seen',
    user: null,
    data: {},
    dateCreated: issue.firstSeen.toISOString(),
  };
  return [...recorded, ...alerts]
    .sort((a, b) => b.dateCreated.localeCompare(a.dateCreated))
    .slice(0, limit)
    .concat(firstSeen);
}
