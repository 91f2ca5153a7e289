// Giving a team access to a project (project:write) and taking it away (project:admin), as in Sentry.
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import type { Scope } from '@/lib/auth/scopes';
import { addProjectTeam, findTeam, getProject, removeProjectTeam } from '@/lib/projects/projects';
import { serializeProjects } from '@/lib/projects/serialize';
import { db } from '@/lib/db';
import { otherMethods } from '@/lib/api/handler';

/** Runs the change on the project and team, then answers the project as it now is. */
const teamChange = (scope: Scope, change: typeof addProjectTeam, status: number) =>
  withAccess({ project: scope }, async ({ params, principal, org, project }) => {
    await change(db(), project.id, (await findTeam(db(), org.id, params.team)).id);
    const [shape] = await serializeProjects(db(), principal.user.id, [
      await getProject(db(), project.id, principal.user.id),
    ]);
    return json(shape, { status });
  });

export const POST = teamChange('project:write', addProjectTeam, 201);
export const DELETE = teamChange('project:admin', removeProjectTeam, 200);

export const { GET, PUT, PATCH } = otherMethods('POST', 'DELETE');
