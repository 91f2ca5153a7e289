// Giving a team access to a project (project:write) and taking it away (project:admin), as in Sentry.
import { route } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { projectAccess, requirePrincipal } from '@/lib/auth/access';
import { addProjectTeam, findTeam, getProject, removeProjectTeam } from '@/lib/projects/projects';
import { serializeProjects } from '@/lib/projects/serialize';
import { db } from '@/lib/db';

type Params = { org: string; project: string; team: string };

export const POST = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, project } = await projectAccess(p, params.org, params.project, 'project:write');
  const team = await findTeam(db(), org.id, params.team);
  await addProjectTeam(db(), project.id, team.id);
  const [shape] = await serializeProjects(db(), p.user.id, [await getProject(db(), project.id, p.user.id)]);
  return json(shape, { status: 201 });
});

export const DELETE = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, project } = await projectAccess(p, params.org, params.project, 'project:admin');
  const team = await findTeam(db(), org.id, params.team);
  await removeProjectTeam(db(), project.id, team.id);
  const [shape] = await serializeProjects(db(), p.user.id, [await getProject(db(), project.id, p.user.id)]);
  return json(shape);
});
