// One project's releases (what `sentry-cli releases list` calls when a project is configured).
import { z } from 'zod';
import { route, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { projectAccess, requirePrincipal } from '@/lib/auth/access';
import { listReleases } from '@/lib/releases/releases';
import { serializeReleases } from '@/lib/releases/releases';
import { db } from '@/lib/db';

const query = z.object({ query: z.string().max(200).optional() });

export const GET = route<{ org: string; project: string }>(async (req, params) => {
  const p = await requirePrincipal(req);
  // Release reads need org:read only, like the organization-wide list: CI tokens often lack project:read.
  const { org, project } = await projectAccess(p, params.org, params.project, 'org:read');
  const q = parseQuery(req, query);
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listReleases(db(), org.id, [project.id], { query: q.query }, offset, take));
  return json(await serializeReleases(db(), rows), { headers });
});
