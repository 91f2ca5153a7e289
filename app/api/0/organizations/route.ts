// The principal's organizations (Sentry's GET /api/0/organizations/), paginated.
import { route } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { requirePrincipal, requireScope } from '@/lib/auth/access';
import { listOrgs } from '@/lib/orgs/orgs';
import { serializeOrg } from '@/lib/orgs/serialize';
import { db } from '@/lib/db';

export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  // Membership decides which organizations appear; the token still needs org:read to list any.
  if (p.tokenScopes) requireScope(p, 'owner', 'org:read');
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listOrgs(db(), p, offset, take));
  return json(rows.map(serializeOrg), { headers });
});
