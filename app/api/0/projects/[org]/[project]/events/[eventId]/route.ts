// One event of a project by its id (32 hex, dashes allowed), as Sentry's project event details.
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { projectEvent } from '@/lib/issues/events';
import { db } from '@/lib/db';
import { otherMethods } from '@/lib/api/handler';

export const GET = withAccess({ project: 'event:read' }, async ({ params, project }) => {
  return json(await projectEvent(db(), project.id, params.eventId));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
