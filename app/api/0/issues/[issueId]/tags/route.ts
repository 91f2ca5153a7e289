// An issue's tag keys with their most frequent values.
import { otherMethods, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { issueTags } from '@/lib/issues/tags';
import { tagsQuery } from '@/lib/issues/params';
import { db } from '@/lib/db';

export const GET = withAccess({ issue: 'event:read' }, async ({ req, issue }) => {
  return json(await issueTags(db(), issue.id, parseQuery(req, tagsQuery).limit));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
