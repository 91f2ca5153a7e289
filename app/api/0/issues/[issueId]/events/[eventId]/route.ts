// One event of an issue: `latest`, `oldest` (`recommended` = latest) or an event id, with previous/next event ids.
import { route } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { requirePrincipal } from '@/lib/auth/access';
import { issueFromParams, type IssueParams } from '@/lib/issues/access';
import { issueEvent } from '@/lib/issues/events';
import { db } from '@/lib/db';

export const GET = route<IssueParams & { eventId: string }>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { issue } = await issueFromParams(p, params, 'event:read');
  return json(await issueEvent(db(), issue.id, params.eventId));
});
