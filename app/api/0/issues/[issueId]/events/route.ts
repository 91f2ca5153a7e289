// An issue's events, newest first; `full=true` gives whole events instead of the short form.
import { route, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { requirePrincipal } from '@/lib/auth/access';
import { issueFromParams, type IssueParams } from '@/lib/issues/access';
import { listIssueEvents } from '@/lib/issues/events';
import { issueEventsQuery } from '@/lib/issues/params';
import { db } from '@/lib/db';

export const GET = route<IssueParams>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { issue } = await issueFromParams(p, params, 'event:read');
  const { full } = parseQuery(req, issueEventsQuery);
  const { rows, headers } = await listIssueEvents(db(), new URL(req.url), issue.id, full === 'true' || full === '1');
  return json(rows, { headers });
});
