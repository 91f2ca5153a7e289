// One project's releases: list (what `sentry-cli releases list` calls when a project is configured) and create
// (sentry-cli 2.x's `releases new` posts here, with or without `projects`).
import { z } from 'zod';
import { otherMethods, parseBody, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { withAccess } from '@/lib/api/withAccess';
import { createRelease, listReleases, resolveProjects } from '@/lib/releases/releases';
import { newProjectReleaseSchema } from '@/lib/releases/schema';
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

export const POST = withAccess({ project: 'project:releases' }, async ({ req, org, project, visibleProjectIds }) => {
  const b = await parseBody(req, newProjectReleaseSchema);
  const others = b.projects ? await resolveProjects(db(), org.id, await visibleProjectIds(), b.projects) : [];
  const ids = [...new Set([project.id, ...others.map((p) => p.id)])];
  const { release, created } = await createRelease(db(), org.id, b.version, ids, b);
  const [shape] = await serializeReleases(db(), [release]);
  return json(shape, { status: created ? 201 : 208 });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
