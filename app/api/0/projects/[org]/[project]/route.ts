// One project: detail, settings (name, slug, platform, quotas, retention) and deletion (project:admin).
import { z } from 'zod';
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { deleteProject, getProject, updateProject } from '@/lib/projects/projects';
import { serializeProjects } from '@/lib/projects/serialize';
import { db } from '@/lib/db';

export const GET = withAccess({ project: 'project:read' }, async ({ project, principal }) => {
  const [shape] = await serializeProjects(db(), principal.user.id, [
    await getProject(db(), project.id, principal.user.id),
  ]);
  return json(shape);
});

const changes = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  slug: z.string().trim().min(1).max(50).optional(),
  platform: z.string().trim().max(64).nullish(),
  // Quotas and retention (issue 15); null goes back to the install's default. 0 = no per-minute/per-day limit.
  rateLimitPerMinute: z.number().int().min(0).max(100_000_000).nullish(),
  rateLimitPerDay: z.number().int().min(0).max(1_000_000_000).nullish(),
  retentionDays: z.number().int().min(1).max(3650).nullish(),
});

export const PUT = withAccess({ project: 'project:write' }, async ({ req, project, principal }) => {
  await updateProject(db(), project, await parseBody(req, changes));
  const [shape] = await serializeProjects(db(), principal.user.id, [
    await getProject(db(), project.id, principal.user.id),
  ]);
  return json(shape);
});

export const DELETE = withAccess({ project: 'project:admin' }, async ({ project }) => {
  await deleteProject(db(), project.id);
  return new Response(null, { status: 204 });
});

export const { POST, PATCH } = otherMethods('GET', 'PUT', 'DELETE');
