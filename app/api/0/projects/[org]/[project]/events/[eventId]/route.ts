// One event of a project by its id (32 hex, dashes allowed), as Sentry's project event details.
import { route } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { projectAccess, requirePrincipal } from '@/lib/auth/access';
import { projectEvent } from '@/lib/issues/events';
import { db } from '@/lib/db';

export const GET = route<{ org: string; project: string; eventId: string }>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { project } = await projectAccess(p, params.org, params.project, 'event:read');
  return json(await projectEvent(db(), project.id, params.eventId));
});
