// One issue (Sentry's issue details): read; update status, assignee; delete with everything it holds.
import { route, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { requirePrincipal } from '@/lib/auth/access';
import { issueFromParams, type IssueParams } from '@/lib/issues/access';
import { issueDetail } from '@/lib/issues/detail';
import { deleteIssues, updateIssues } from '@/lib/issues/mutate';
import { issueUpdateBody } from '@/lib/issues/params';
import { db } from '@/lib/db';

export const GET = route<IssueParams>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { issue } = await issueFromParams(p, params, 'event:read');
  return json(await issueDetail(db(), issue.id));
});

export const PUT = route<IssueParams>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, issue } = await issueFromParams(p, params, 'event:write');
  await updateIssues(db(), org.id, [issue], await parseBody(req, issueUpdateBody));
  return json(await issueDetail(db(), issue.id));
});

// Sentry answers 202: deletion is accepted (here it is also done).
export const DELETE = route<IssueParams>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { issue } = await issueFromParams(p, params, 'event:admin');
  await deleteIssues(db(), [issue]);
  return new Response(null, { status: 202 });
});
