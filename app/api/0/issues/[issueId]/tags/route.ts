// An issue's tag keys with their most frequent values.
import { route, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { requirePrincipal } from '@/lib/auth/access';
import { issueFromParams, type IssueParams } from '@/lib/issues/access';
import { issueTags } from '@/lib/issues/tags';
import { tagsQuery } from '@/lib/issues/params';
import { db } from '@/lib/db';

export const GET = route<IssueParams>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { issue } = await issueFromParams(p, params, 'event:read');
  return json(await issueTags(db(), issue.id, parseQuery(req, tagsQuery).limit));
});
