// One instance user for superusers: enable or disable the account (Sentry's PUT /api/0/users/{id}/ {isActive}).
import { z } from 'zod';
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { setUserActive, userIdFromParam } from '@/lib/users/users';
import { db } from '@/lib/db';

const body = z.object({ isActive: z.boolean() });

export const PUT = withAccess({ session: true, superuser: true }, async ({ req, params, principal }) => {
  const userId = userIdFromParam(params.userId);
  const { isActive } = await parseBody(req, body);
  const user = await setUserActive(db(), principal.user.id, userId, isActive);
  return json({ ...user, id: String(user.id) });
});

export const { GET, POST, PATCH, DELETE } = otherMethods('PUT');
