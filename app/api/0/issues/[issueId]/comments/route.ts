// An issue's comments (Sentry's notes): list, and add one (mentioned members follow the issue and get an email).
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { addComment, commentBody, listComments } from '@/lib/issues/comments';
import { db } from '@/lib/db';

export const GET = withAccess({ issue: 'event:read' }, async ({ issue }) => json(await listComments(db(), issue.id)));

export const POST = withAccess({ issue: 'event:write' }, async ({ req, org, issue, principal }) => {
  const { text } = await parseBody(req, commentBody);
  return json(await addComment(db(), { id: issue.id, orgId: org.id }, principal.user, text), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
