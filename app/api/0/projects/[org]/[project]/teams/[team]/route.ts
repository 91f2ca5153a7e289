// Giving a team access to a project (project:write) and taking it away (project:admin), as in Sentry.
import { route } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { projectAccess, requirePrincipal } from '@/lib/auth/access';
import type { Scope } from '@/lib/auth/scopes';
import { addProjectTeam, findTeam, getProject, removeProjectTeam } from '@/lib/projects/projects';
import { serializeProjects } from '@/lib/projects/serialize';
import { db } from '@/lib/db';

type Params = { org: string; project: string; team: string };

/** Runs the change on the project and team, then answers the project as it now is. */
const teamChange = (scope: Scope, change: typeof addProjectTeam, status: number) =>
  route<Params>(async (req, params) => {
    const p = await requirePrincipal(req);
    const { org, project } = await projectAccess(p, params.org, params.project, scope);
    await change(db(), project.id, (await findTeam(db(), org.id, params.team)).id);
    const [shape] = await serializeProjects(db(), p.user.id, [await getProject(db(), project.id, p.user.id)]);
    return json(shape, { status });
  });

export const POST = teamChange('project:write', addProjectTeam, 201);
export const DELETE = teamChange('project:admin', removeProjectTeam, 200);
