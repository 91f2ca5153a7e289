// The organization's releases: list (newest first; `query`, `project` filters) and create, which sentry-cli's
// `releases new` uses. Creating an existing version adds its projects and answers 208, as Sentry does.
import { z } from 'zod';
import { otherMethods, parseBody, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { paginate } from '@/lib/api/pagination';
import { createRelease, listReleases, resolveProjects } from '@/lib/releases/releases';
import { newReleaseSchema } from '@/lib/releases/schema';
import { serializeReleases } from '@/lib/releases/releases';
import { db } from '@/lib/db';

const query = z.object({
  query: z.string().max(200).optional(),
  project: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(
      z.array(
        z
          .string()
          .regex(/^\d{1,12}$/, 'project must be a project id')
          .transform(Number),
      ),
    )
    .optional(),
});

export const GET = withAccess({ org: 'org:read' }, async ({ req, org, visibleProjectIds }) => {
  const q = parseQuery(req, query);
  const visible = await visibleProjectIds();
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) =>
    listReleases(db(), org.id, visible, { query: q.query, projectIds: q.project }, offset, take),
  );
  return json(await serializeReleases(db(), rows), { headers });
});

export const POST = withAccess({ org: ['org:read', 'project:releases'] }, async ({ req, org, visibleProjectIds }) => {
  const b = await parseBody(req, newReleaseSchema);
  const projects = await resolveProjects(db(), org.id, await visibleProjectIds(), b.projects);
  const { release, created } = await createRelease(
    db(),
    org.id,
    b.version,
    projects.map((x) => x.id),
    b,
  );
  const [shape] = await serializeReleases(db(), [release]);
  return json(shape, { status: created ? 201 : 208 });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
