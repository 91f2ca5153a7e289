// Every project the caller may see, across their organizations (Sentry's GET /api/0/projects/).
import { z } from 'zod';
import { otherMethods, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { withAccess } from '@/lib/api/withAccess';
import { listUserProjects } from '@/lib/projects/projects';
import { serializeProjects } from '@/lib/projects/serialize';
import { STATS_PERIODS } from '@/lib/projects/stats';
import { db } from '@/lib/db';

const query = z.object({ statsPeriod: z.enum(STATS_PERIODS).optional() });

// Visibility comes from each organization's membership; the token itself must carry project:read.
export const GET = withAccess({ scope: 'project:read' }, async ({ req, principal }) => {
  const { statsPeriod } = parseQuery(req, query);
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) =>
    listUserProjects(db(), principal, offset, take),
  );
  return json(await serializeProjects(db(), principal.user.id, rows, statsPeriod), { headers });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
