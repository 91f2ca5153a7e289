// The organization's projects the caller may see; `?statsPeriod=24h` adds event counts and unresolved issues.
import { z } from 'zod';
import { otherMethods, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { paginate } from '@/lib/api/pagination';
import { listOrgProjects } from '@/lib/projects/projects';
import { serializeProjects } from '@/lib/projects/serialize';
import { STATS_PERIODS } from '@/lib/projects/stats';
import { db } from '@/lib/db';

const query = z.object({ statsPeriod: z.enum(STATS_PERIODS).optional() });

export const GET = withAccess({ org: ['org:read', 'project:read'] }, async ({ req, org, role, principal }) => {
  const { statsPeriod } = parseQuery(req, query);
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) =>
    listOrgProjects(db(), principal, org.id, role, offset, take),
  );
  return json(await serializeProjects(db(), principal.user.id, rows, statsPeriod), { headers });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
