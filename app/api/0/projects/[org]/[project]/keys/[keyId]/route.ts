// One DSN key by its public key: detail, rename / enable / disable / rate limit, delete. The ingest edge sees
// changes within FAULTLINE_KEY_CACHE_SECONDS.
import { z } from 'zod';
import { route, parseBody } from '@/lib/api/handler';
import { json, HttpError } from '@/lib/api/respond';
import { projectAccess, requirePrincipal } from '@/lib/auth/access';
import { deleteProjectKey, findProjectKey, updateProjectKey } from '@/lib/projects/keys';
import { serializeKey } from '@/lib/projects/keyShape';
import { rateLimitSchema } from '@/lib/projects/keySchema';
import { config } from '@/lib/config';
import { db } from '@/lib/db';

type Params = { org: string; project: string; keyId: string };

async function keyOf(projectId: number, keyId: string) {
  const key = await findProjectKey(db(), projectId, keyId);
  if (!key) throw new HttpError(404, 'The requested resource does not exist');
  return key;
}

export const GET = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { project } = await projectAccess(p, params.org, params.project, 'project:read');
  return json(serializeKey(await keyOf(project.id, params.keyId), config().url));
});

const changes = z.object({
  name: z.string().trim().min(1).max(64).optional(),
  isActive: z.boolean().optional(),
  rateLimit: rateLimitSchema.optional(),
});

export const PUT = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { project } = await projectAccess(p, params.org, params.project, 'project:write');
  const key = await keyOf(project.id, params.keyId);
  const b = await parseBody(req, changes);
  const updated = await updateProjectKey(db(), key.id, { label: b.name, isActive: b.isActive, rateLimit: b.rateLimit });
  return json(serializeKey(updated, config().url));
});

export const DELETE = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { project } = await projectAccess(p, params.org, params.project, 'project:admin');
  await deleteProjectKey(db(), (await keyOf(project.id, params.keyId)).id);
  return new Response(null, { status: 204 });
});
