// The tag keys of an organization's issues (`project=` narrows), for the search box's key completion.
import { otherMethods, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { orgProjectIds } from '@/lib/issues/list';
import { orgTagsQuery } from '@/lib/issues/params';
import { orgTagKeys } from '@/lib/issues/searchValues';
import { db } from '@/lib/db';

export const GET = withAccess({ org: 'event:read' }, async ({ req, org, role, principal }) => {
  const q = parseQuery(req, orgTagsQuery);
  return json(await orgTagKeys(db(), await orgProjectIds(principal, org.id, role, q.project)));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
