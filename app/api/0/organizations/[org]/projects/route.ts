// The organization's projects the caller may see; `?statsPeriod=24h` adds event counts and unresolved issues.
import { z } from 'zod';
import { route, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { orgAccess, requirePrincipal, requireScope } from '@/lib/auth/access';
import { listOrgProjects } from '@/lib/projects/projects';
import { serializeProjects } from '@/lib/projects/serialize';
import { STATS_PERIODS } from '@/lib/projects/stats';
import { db } from '@/lib/db';

const query = z.object({ statsPeriod: z.enum(STATS_PERIODS).optional() });

export const GET = route<{ org: string }>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'org:read');
  requireScope(p, role, 'project:read');
  const { statsPeriod } = parseQuery(req, query);
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listOrgProjects(db(), p, org.id, role, offset, take));
  return json(await serializeProjects(db(), p.user.id, rows, statsPeriod), { headers });
});
