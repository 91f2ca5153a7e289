// A project's usage: 30 days of accepted, rate-limited, refused and SDK-discarded events, its limits, storage.
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { db } from '@/lib/db';
import { readUsage } from '@/lib/quotas/readUsage';
import { otherMethods } from '@/lib/api/handler';

export const GET = withAccess({ project: 'project:read' }, async ({ project }) =>
  json(await readUsage(db(), project.id)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
