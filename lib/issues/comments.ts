// Comments on an issue (Sentry's `/issues/{id}/comments/`): notes in the activity feed. Mentioned members follow
// the issue and get an email; the author follows it too. Only the author edits or deletes a comment.
import { z } from 'zod';
import type { Db } from '../db.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { Activity } from './contract.ts';
import { mentionHandles, resolveMentions } from './mentions.ts';
import { notifyPeople } from './notify.ts';
import { subscribe } from './activity.ts';

/** Sentry's comment body; markdown, rendered as text-safe markdown by the dashboard. */
export const commentBody = z.object({ text: z.string().trim().min(1, 'write something').max(10_000) });

interface Author {
  id: number;
  name: string;
  email: string;
  username: string | null;
}

function serializeNote(r: { id: number; data: unknown; createdAt: Date }, author: Author | null): Activity {
  return {
    id: String(r.id),
    type: 'note',
    user: author
      ? { id: String(author.id), name: author.name || author.email, email: author.email, username: author.username }
      : null,
    data: r.data as Record<string, unknown>,
    dateCreated: r.createdAt.toISOString(),
  };
}

export async function listComments(db: Db, issueId: number): Promise<Activity[]> {
  const rows = await db.issueActivity.findMany({
    where: { issueId, type: 'note' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 500,
    include: { user: { select: { id: true, name: true, email: true, username: true } } },
  });
  return rows.map((r) => serializeNote(r, r.user));
}

export async function addComment(
  db: Db,
  issue: { id: number; orgId: number },
  author: Author,
  text: string,
): Promise<Activity> {
  const members = await db.user.findMany({
    where: { isActive: true, memberships: { some: { orgId: issue.orgId } } },
    select: { id: true, email: true, username: true },
  });
  const mentioned = resolveMentions(mentionHandles(text), members).filter((m) => m.id !== author.id);
  const row = await db.issueActivity.create({
    data: {
      issueId: issue.id,
      userId: author.id,
      type: 'note',
      data: { text, mentions: mentioned.map((m) => String(m.id)) },
    },
  });
  await subscribe(db, [issue.id], [author.id], 'commented');
  await subscribe(
    db,
    [issue.id],
    mentioned.map((m) => m.id),
    'mentioned',
  );
  const excerpt = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  await notifyPeople(
    db,
    issue.id,
    mentioned.map((m) => m.email),
    `${author.name || author.email} mentioned you: ${excerpt}`,
  );
  return serializeNote(row, author);
}

async function ownNote(db: Db, issueId: number, commentId: string, userId: number) {
  const row = /^\d{1,9}$/.test(commentId)
    ? await db.issueActivity.findFirst({ where: { id: Number(commentId), issueId, type: 'note' } })
    : null;
  if (!row) throw new NotFoundError();
  if (row.userId !== userId) throw new ForbiddenError('Only the author can change this comment.');
  return row;
}

export async function editComment(
  db: Db,
  issueId: number,
  commentId: string,
  author: Author,
  text: string,
): Promise<Activity> {
  const row = await ownNote(db, issueId, commentId, author.id);
  const updated = await db.issueActivity.update({
    where: { id: row.id },
    data: { data: { ...(row.data as object), text } },
  });
  return serializeNote(updated, author);
}

export async function deleteComment(db: Db, issueId: number, commentId: string, userId: number): Promise<void> {
  const row = await ownNote(db, issueId, commentId, userId);
  await db.issueActivity.delete({ where: { id: row.id } });
}
