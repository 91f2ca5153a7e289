// Emails to the people who follow an issue (mentioned, assigned, subscribed): through the alert delivery queue on
// the organization's assignee email channel, so they are retried and show in that channel's delivery log.
import type { Db } from '../db.ts';
import { config } from '../config.ts';
import { assigneeChannelId } from '../alerts/assignee.ts';
import { issueFacts, stackExcerpt, type IssueAlert } from '../alerts/message.ts';

/** Enqueues one email about the issue to `to` (skipped when empty); `reason` is its first line. */
export async function notifyPeople(db: Db, issueId: number, to: string[], reason: string): Promise<void> {
  if (to.length === 0) return;
  const issue = await db.issue.findUnique({
    where: { id: issueId },
    include: { project: { select: { slug: true, org: { select: { id: true, slug: true } } } } },
  });
  if (!issue) return;
  const ev = await db.event.findFirst({ where: { issueId }, orderBy: [{ timestamp: 'desc' }, { id: 'desc' }] });
  const message: IssueAlert = {
    kind: 'issue',
    reason,
    rule: { id: 0, name: 'Issue subscription' },
    org: issue.project.org.slug,
    project: issue.project.slug,
    issue: issueFacts(issue, config().url),
    event: {
      eventId: ev?.eventId ?? '',
      environment: ev?.environment ?? '',
      release: ev?.release ?? null,
      level: ev?.level ?? issue.level,
      timestamp: (ev?.timestamp ?? issue.lastSeen).toISOString(),
      stack: stackExcerpt(ev?.data),
    },
    to: [...new Set(to)].sort(),
  };
  const channelId = await assigneeChannelId(db, issue.project.org.id);
  await db.alertDelivery.create({ data: { channelId, issueId, payload: message as object } });
}
