// One issue (Sentry's issue details): read; update status/assignee; delete.
import { route } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { requirePrincipal } from '@/lib/auth/access';
import { issueFromParams, type IssueParams } from '@/lib/issues/access';
import { issueDetail } from '@/lib/issues/detail';
import { db } from '@/lib/db';

export const GET = route<IssueParams>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { issue } = await issueFromParams(p, params, 'event:read');
  return json(await issueDetail(db(), issue.id));
});
