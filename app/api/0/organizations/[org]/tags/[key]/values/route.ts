// Values of one tag key over an organization's issues containing `query`, most frequent first (search completion).
import { otherMethods, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { orgProjectIds } from '@/lib/issues/list';
import { orgTagValuesQuery } from '@/lib/issues/params';
import { orgTagValues } from '@/lib/issues/searchValues';
import { db } from '@/lib/db';

export const GET = withAccess({ org: 'event:read' }, async ({ req, params, org, role, principal }) => {
  const q = parseQuery(req, orgTagValuesQuery);
  const projectIds = await orgProjectIds(principal, org.id, role, q.project);
  return json(await orgTagValues(db(), projectIds, params.key, q.query));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
