// An issue's activity feed, newest first, in Sentry's `{"activity": [...]}` wrapper.
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { listActivity } from '@/lib/issues/activity';
import { db } from '@/lib/db';

export const GET = withAccess({ issue: 'event:read' }, async ({ issue }) =>
  json({ activity: await listActivity(db(), issue) }),
);
