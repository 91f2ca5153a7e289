// The grouping hashes of an issue and what each was computed from.
import { route } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { requirePrincipal } from '@/lib/auth/access';
import { issueFromParams, type IssueParams } from '@/lib/issues/access';
import { listIssueHashes } from '@/lib/issues/hashes';
import { db } from '@/lib/db';

export const GET = route<IssueParams>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { issue } = await issueFromParams(p, params, 'event:read');
  const { rows, headers } = await listIssueHashes(db(), new URL(req.url), issue.id);
  return json(rows, { headers });
});
