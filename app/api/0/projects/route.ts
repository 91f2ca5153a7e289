// Every project the caller may see, across their organizations (Sentry's GET /api/0/projects/).
import { z } from 'zod';
import { route, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { requirePrincipal, requireScope } from '@/lib/auth/access';
import { listUserProjects } from '@/lib/projects/projects';
import { serializeProjects } from '@/lib/projects/serialize';
import { STATS_PERIODS } from '@/lib/projects/stats';
import { db } from '@/lib/db';

const query = z.object({ statsPeriod: z.enum(STATS_PERIODS).optional() });

export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  // Visibility comes from each organization's membership; the token itself must carry project:read.
  if (p.tokenScopes) requireScope(p, 'owner', 'project:read');
  const { statsPeriod } = parseQuery(req, query);
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listUserProjects(db(), p, offset, take));
  return json(await serializeProjects(db(), p.user.id, rows, statsPeriod), { headers });
});
