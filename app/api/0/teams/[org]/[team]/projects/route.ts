// A team's projects, and creating a project owned by the team (Sentry's way; the project gets its first DSN key).
import { z } from 'zod';
import { route, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { orgAccess, requirePrincipal, requireScope } from '@/lib/auth/access';
import { createProject, findTeam, getProject, listOrgProjects } from '@/lib/projects/projects';
import { serializeProjects } from '@/lib/projects/serialize';
import { db } from '@/lib/db';

type Params = { org: string; team: string };

export const GET = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'team:read');
  requireScope(p, role, 'project:read');
  const team = await findTeam(db(), org.id, params.team);
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listOrgProjects(db(), p, org.id, role, offset, take, team.id));
  return json(await serializeProjects(db(), p.user.id, rows), { headers });
});

const body = z.object({
  name: z.string().trim().min(1).max(200),
  slug: z.string().trim().min(1).max(50).optional(),
  platform: z.string().trim().max(64).nullish(),
});

export const POST = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'org:read');
  const team = await findTeam(db(), org.id, params.team);
  requireScope(p, role, 'project:write');
  const b = await parseBody(req, body);
  const { project } = await createProject(db(), { orgId: org.id, teamId: team.id, name: b.name, slug: b.slug, platform: b.platform ?? null });
  const [shape] = await serializeProjects(db(), p.user.id, [await getProject(db(), project.id, p.user.id)]);
  return json(shape, { status: 201 });
});
