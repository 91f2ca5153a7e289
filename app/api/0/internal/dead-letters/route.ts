// Superusers: events the worker could not store (with the error), to retry after a fix or to discard.
import { z } from 'zod';
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { withAccess } from '@/lib/api/withAccess';
import { deadLetterCount, deleteDeadLetters, listDeadLetters, retryDeadLetters } from '@/lib/queue/eventStream';
import { redis } from '@/lib/redis';

const admin = { superuser: true, scope: 'org:admin' } as const;

export const GET = withAccess(admin, async ({ req }) => {
  const url = new URL(req.url);
  const { rows, headers } = await paginate(
    url,
    async (offset, take) => (await listDeadLetters(redis(), offset + take)).slice(offset),
    50,
  );
  return json(rows, { headers: { ...headers, 'x-hits': String(await deadLetterCount(redis())) } });
});

const actionSchema = z.object({
  action: z.enum(['retry', 'delete']),
  ids: z
    .array(z.string().regex(/^\d+-\d+$/, 'ids are stream ids like 1700000000000-0'))
    .min(1)
    .max(1000),
});

export const POST = withAccess(admin, async ({ req }) => {
  const body = await parseBody(req, actionSchema);
  const n =
    body.action === 'retry' ? await retryDeadLetters(redis(), body.ids) : await deleteDeadLetters(redis(), body.ids);
  return json({ action: body.action, count: n });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
