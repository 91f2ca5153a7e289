// One tag key of an issue: totals and top values.
import { otherMethods, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { issueTag } from '@/lib/issues/tags';
import { tagsQuery } from '@/lib/issues/params';
import { db } from '@/lib/db';

export const GET = withAccess({ issue: 'event:read' }, async ({ req, params, issue }) => {
  return json(await issueTag(db(), issue.id, params.key, parseQuery(req, tagsQuery).limit));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
