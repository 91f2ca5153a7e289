// Superusers: events accepted and stored per minute, the event queue, the workers, database size (Admin → Status).
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { db } from '@/lib/db';
import { redis } from '@/lib/redis';
import { readStatus } from '@/lib/status/readStatus';
import { otherMethods } from '@/lib/api/handler';

export const GET = withAccess({ superuser: true, scope: 'org:admin' }, async () =>
  json(await readStatus(db(), redis())),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
