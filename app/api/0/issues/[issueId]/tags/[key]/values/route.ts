// Every value of one tag key of an issue, paginated (most frequent first unless `sort` says otherwise).
import { route, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { requirePrincipal } from '@/lib/auth/access';
import { issueFromParams, type IssueParams } from '@/lib/issues/access';
import { issueTagValues } from '@/lib/issues/tags';
import { tagValuesQuery } from '@/lib/issues/params';
import { db } from '@/lib/db';

export const GET = route<IssueParams & { key: string }>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { issue } = await issueFromParams(p, params, 'event:read');
  const { rows, headers } = await issueTagValues(db(), new URL(req.url), issue.id, params.key, parseQuery(req, tagValuesQuery).sort);
  return json(rows, { headers });
});
