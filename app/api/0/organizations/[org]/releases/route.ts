// The organization's releases: list (newest first; `query`, `project` filters) and create, which sentry-cli's
// `releases new` uses. Creating an existing version adds its projects and answers 208, as Sentry does.
import { z } from 'zod';
import { route, parseBody, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { orgAccess, requirePrincipal, requireScope, visibleProjectIds } from '@/lib/auth/access';
import { createRelease, listReleases, resolveProjects } from '@/lib/releases/releases';
import { newReleaseSchema } from '@/lib/releases/schema';
import { serializeReleases } from '@/lib/releases/releases';
import { db } from '@/lib/db';

type Params = { org: string };

const query = z.object({
  query: z.string().max(200).optional(),
  project: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().regex(/^\d{1,12}$/, 'project must be a project id').transform(Number)))
    .optional(),
});

export const GET = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'org:read');
  const q = parseQuery(req, query);
  const visible = await visibleProjectIds(p, org.id, role);
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) =>
    listReleases(db(), org.id, visible, { query: q.query, projectIds: q.project }, offset, take),
  );
  return json(await serializeReleases(db(), rows), { headers });
});

export const POST = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'org:read');
  requireScope(p, role, 'project:releases');
  const b = await parseBody(req, newReleaseSchema);
  const projects = await resolveProjects(db(), org.id, await visibleProjectIds(p, org.id, role), b.projects);
  const { release, created } = await createRelease(db(), org.id, b.version, projects.map((x) => x.id), b);
  const [shape] = await serializeReleases(db(), [release]);
  return json(shape, { status: created ? 201 : 208 });
});
