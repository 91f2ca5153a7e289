// One project: detail, settings (name, slug, platform) and deletion (project:admin).
import { z } from 'zod';
import { route, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { projectAccess, requirePrincipal } from '@/lib/auth/access';
import { deleteProject, getProject, updateProject } from '@/lib/projects/projects';
import { serializeProjects } from '@/lib/projects/serialize';
import { db } from '@/lib/db';

type Params = { org: string; project: string };

export const GET = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { project } = await projectAccess(p, params.org, params.project, 'project:read');
  const [shape] = await serializeProjects(db(), p.user.id, [await getProject(db(), project.id, p.user.id)]);
  return json(shape);
});

const changes = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  slug: z.string().trim().min(1).max(50).optional(),
  platform: z.string().trim().max(64).nullish(),
});

export const PUT = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { project } = await projectAccess(p, params.org, params.project, 'project:write');
  await updateProject(db(), project, await parseBody(req, changes));
  const [shape] = await serializeProjects(db(), p.user.id, [await getProject(db(), project.id, p.user.id)]);
  return json(shape);
});

export const DELETE = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { project } = await projectAccess(p, params.org, params.project, 'project:admin');
  await deleteProject(db(), project.id);
  return new Response(null, { status: 204 });
});
