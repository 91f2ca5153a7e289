// One issue (Sentry's issue details): read; update status, assignee; delete with everything it holds.
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { issueDetail } from '@/lib/issues/detail';
import { deleteIssues, updateIssues } from '@/lib/issues/mutate';
import { issueUpdateBody } from '@/lib/issues/params';
import { db } from '@/lib/db';

export const GET = withAccess({ issue: 'event:read' }, async ({ issue }) => {
  return json(await issueDetail(db(), issue.id));
});

export const PUT = withAccess({ issue: 'event:write' }, async ({ req, org, issue, principal }) => {
  await updateIssues(db(), org.id, [issue], await parseBody(req, issueUpdateBody), principal.user.id);
  return json(await issueDetail(db(), issue.id));
});

// Sentry answers 202: deletion is accepted (here it is also done).
export const DELETE = withAccess({ issue: 'event:admin' }, async ({ issue }) => {
  await deleteIssues(db(), [issue]);
  return new Response(null, { status: 202 });
});

export const { POST, PATCH } = otherMethods('GET', 'PUT', 'DELETE');
