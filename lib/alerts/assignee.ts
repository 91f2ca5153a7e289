// "Notify the issue's assignee / owning team by email": who that is, and the org's fallback email channel.
import type { Db } from '../db.ts';
import { lockAssigneeChannel } from './queries/channels.ts';

/** The assigned user's email, or the members of the assigned team; active accounts only. */
export async function assigneeEmails(
  db: Db,
  issue: { assignedUserId: number | null; assignedTeamId: number | null },
): Promise<string[]> {
  if (issue.assignedUserId) {
    const u = await db.user.findUnique({
      where: { id: issue.assignedUserId },
      select: { email: true, isActive: true },
    });
    return u?.isActive ? [u.email] : [];
  }
  if (issue.assignedTeamId) {
    const members = await db.teamMember.findMany({
      where: { teamId: issue.assignedTeamId, user: { isActive: true } },
      select: { user: { select: { email: true } } },
    });
    return members.map((m) => m.user.email).sort();
  }
  return [];
}

export const ASSIGNEE_CHANNEL_NAME = 'Issue assignees (email)';

/**
 * The email channel that carries assignee notifications of rules without an email channel of their own:
 * created on first use so its delivery log shows what happened (it uses the EMAIL_* server).
 */
export async function assigneeChannelId(db: Db, orgId: number): Promise<number> {
  return db.$transaction(async (tx) => {
    await lockAssigneeChannel(tx, orgId);
    const existing = await tx.alertChannel.findFirst({
      where: { orgId, type: 'email', config: { path: ['assigneesOnly'], equals: true } },
    });
    if (existing) return existing.id;
    const created = await tx.alertChannel.create({
      data: { orgId, name: ASSIGNEE_CHANNEL_NAME, type: 'email', config: { recipients: [], assigneesOnly: true } },
    });
    return created.id;
  });
}
