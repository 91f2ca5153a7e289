// An issue's activity feed, newest first, in Sentry's `{"activity": [...]}` wrapper.
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { listActivity } from '@/lib/issues/activity';
import { db } from '@/lib/db';
import { otherMethods } from '@/lib/api/handler';

export const GET = withAccess({ issue: 'event:read' }, async ({ issue }) =>
  json({ activity: await listActivity(db(), issue) }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
