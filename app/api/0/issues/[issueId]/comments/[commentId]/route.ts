// One comment of an issue: its author edits or deletes it.
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { commentBody, deleteComment, editComment } from '@/lib/issues/comments';
import { db } from '@/lib/db';

export const PUT = withAccess({ issue: 'event:write' }, async ({ req, params, issue, principal }) => {
  const { text } = await parseBody(req, commentBody);
  return json(await editComment(db(), issue.id, params.commentId, principal.user, text));
});

export const DELETE = withAccess({ issue: 'event:write' }, async ({ params, issue, principal }) => {
  await deleteComment(db(), issue.id, params.commentId, principal.user.id);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PATCH } = otherMethods('PUT', 'DELETE');
