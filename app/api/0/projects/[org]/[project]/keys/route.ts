// A project's DSN keys (Sentry's client keys): list and create.
import { z } from 'zod';
import { otherMethods, parseBody, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { paginate } from '@/lib/api/pagination';
import { createProjectKey, listProjectKeys, updateProjectKey } from '@/lib/projects/keys';
import { serializeKey } from '@/lib/projects/keyShape';
import { rateLimitSchema } from '@/lib/projects/keySchema';
import { config } from '@/lib/config';
import { db } from '@/lib/db';

const query = z.object({ status: z.enum(['active', 'inactive']).optional() });

export const GET = withAccess({ project: 'project:read' }, async ({ req, project }) => {
  const { status } = parseQuery(req, query);
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) =>
    listProjectKeys(db(), project.id, offset, take, status),
  );
  return json(
    rows.map((k) => serializeKey(k, config().ingestUrl)),
    { headers },
  );
});

const body = z.object({ name: z.string().trim().min(1).max(64).optional(), rateLimit: rateLimitSchema.optional() });

export const POST = withAccess({ project: 'project:write' }, async ({ req, project }) => {
  const b = await parseBody(req, body);
  let key = await createProjectKey(db(), project.id, b.name ?? 'Default');
  if (b.rateLimit !== undefined) key = await updateProjectKey(db(), key.id, { rateLimit: b.rateLimit });
  return json(serializeKey(key, config().ingestUrl), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
