// One DSN key by its public key: detail, rename / enable / disable / rate limit, delete. The ingest edge sees
// changes within FAULTLINE_KEY_CACHE_SECONDS.
import { z } from 'zod';
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { deleteProjectKey, findProjectKey, updateProjectKey } from '@/lib/projects/keys';
import { serializeKey } from '@/lib/projects/keyShape';
import { rateLimitSchema } from '@/lib/projects/keySchema';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';

async function keyOf(projectId: number, keyId: string) {
  const key = await findProjectKey(db(), projectId, keyId);
  if (!key) throw new NotFoundError();
  return key;
}

export const GET = withAccess({ project: 'project:read' }, async ({ params, project }) => {
  return json(serializeKey(await keyOf(project.id, params.keyId), config().ingestUrl));
});

const changes = z.object({
  name: z.string().trim().min(1).max(64).optional(),
  isActive: z.boolean().optional(),
  rateLimit: rateLimitSchema.optional(),
});

export const PUT = withAccess({ project: 'project:write' }, async ({ req, params, project }) => {
  const key = await keyOf(project.id, params.keyId);
  const b = await parseBody(req, changes);
  const updated = await updateProjectKey(db(), key.id, { label: b.name, isActive: b.isActive, rateLimit: b.rateLimit });
  return json(serializeKey(updated, config().ingestUrl));
});

export const DELETE = withAccess({ project: 'project:admin' }, async ({ params, project }) => {
  await deleteProjectKey(db(), (await keyOf(project.id, params.keyId)).id);
  return new Response(null, { status: 204 });
});

export const { POST, PATCH } = otherMethods('GET', 'PUT', 'DELETE');
