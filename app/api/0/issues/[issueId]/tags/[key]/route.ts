// One tag key of an issue: totals and top values.
import { route, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { requirePrincipal } from '@/lib/auth/access';
import { issueFromParams, type IssueParams } from '@/lib/issues/access';
import { issueTag } from '@/lib/issues/tags';
import { tagsQuery } from '@/lib/issues/params';
import { db } from '@/lib/db';

export const GET = route<IssueParams & { key: string }>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { issue } = await issueFromParams(p, params, 'event:read');
  return json(await issueTag(db(), issue.id, params.key, parseQuery(req, tagsQuery).limit));
});
