// One project's releases (what `sentry-cli releases list` calls when a project is configured).
import { z } from 'zod';
import { parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { withAccess } from '@/lib/api/withAccess';
import { listReleases } from '@/lib/releases/releases';
import { serializeReleases } from '@/lib/releases/releases';
import { db } from '@/lib/db';

const query = z.object({ query: z.string().max(200).optional() });

// Release reads need org:read only, like the organization-wide list: CI tokens often lack project:read.
export const GET = withAccess({ project: 'org:read' }, async ({ req, org, project }) => {
  const q = parseQuery(req, query);
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) =>
    listReleases(db(), org.id, [project.id], { query: q.query }, offset, take),
  );
  return json(await serializeReleases(db(), rows), { headers });
});
