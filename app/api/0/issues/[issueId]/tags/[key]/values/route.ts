// Every value of one tag key of an issue, paginated (most frequent first unless `sort` says otherwise).
import { otherMethods, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { issueTagValues } from '@/lib/issues/tags';
import { tagValuesQuery } from '@/lib/issues/params';
import { db } from '@/lib/db';

export const GET = withAccess({ issue: 'event:read' }, async ({ req, params, issue }) => {
  const { rows, headers } = await issueTagValues(
    db(),
    new URL(req.url),
    issue.id,
    params.key,
    parseQuery(req, tagValuesQuery).sort,
  );
  return json(rows, { headers });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
