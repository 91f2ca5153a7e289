// One event of an issue: `latest`, `oldest` (`recommended` = latest) or an event id, with previous/next event ids.
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { issueEvent } from '@/lib/issues/events';
import { db } from '@/lib/db';
import { otherMethods } from '@/lib/api/handler';

export const GET = withAccess({ issue: 'event:read' }, async ({ params, issue }) => {
  return json(await issueEvent(db(), issue.id, params.eventId));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
