// A team's projects, and creating a project owned by the team (Sentry's way; the project gets its first DSN key).
import { z } from 'zod';
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { paginate } from '@/lib/api/pagination';
import { createProject, findTeam, getProject, listOrgProjects } from '@/lib/projects/projects';
import { serializeProjects } from '@/lib/projects/serialize';
import { db } from '@/lib/db';

export const GET = withAccess({ org: ['team:read', 'project:read'] }, async ({ req, params, org, role, principal }) => {
  const team = await findTeam(db(), org.id, params.team);
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) =>
    listOrgProjects(db(), principal, org.id, role, offset, take, team.id),
  );
  return json(await serializeProjects(db(), principal.user.id, rows), { headers });
});

const body = z.object({
  name: z.string().trim().min(1).max(200),
  slug: z.string().trim().min(1).max(50).optional(),
  platform: z.string().trim().max(64).nullish(),
});

// The team is looked up before the scope check: an unknown team is 404 for every member, as before.
export const POST = withAccess({ org: 'org:read' }, async ({ req, params, org, requireScope, principal }) => {
  const team = await findTeam(db(), org.id, params.team);
  requireScope('project:write');
  const b = await parseBody(req, body);
  const { project } = await createProject(db(), {
    orgId: org.id,
    teamId: team.id,
    name: b.name,
    slug: b.slug,
    platform: b.platform ?? null,
  });
  const [shape] = await serializeProjects(db(), principal.user.id, [
    await getProject(db(), project.id, principal.user.id),
  ]);
  return json(shape, { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
