// The API root: who is calling and with which scopes (what `sentry-cli info` prints).
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { apiIndex } from '@/lib/orgs/index';
import { db } from '@/lib/db';
import { otherMethods } from '@/lib/api/handler';

export const GET = withAccess({ principal: 'optional' }, async ({ principal }) =>
  json(await apiIndex(db(), principal)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
