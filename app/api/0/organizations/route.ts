// The principal's organizations (Sentry's GET /api/0/organizations/), paginated.
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { withAccess } from '@/lib/api/withAccess';
import { listOrgs } from '@/lib/orgs/orgs';
import { serializeOrg } from '@/lib/orgs/serialize';
import { db } from '@/lib/db';
import { otherMethods } from '@/lib/api/handler';

// Membership decides which organizations appear; the token still needs org:read to list any.
export const GET = withAccess({ scope: 'org:read' }, async ({ req, principal }) => {
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listOrgs(db(), principal, offset, take));
  return json(rows.map(serializeOrg), { headers });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
