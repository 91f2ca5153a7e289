// One instance user for superusers: enable or disable the account (Sentry's PUT /api/0/users/{id}/ {isActive}).
import { z } from 'zod';
import { route, parseBody } from '@/lib/api/handler';
import { json, HttpError } from '@/lib/api/respond';
import { requirePrincipal, requireSession, requireSuperuser } from '@/lib/auth/access';
import { setUserActive } from '@/lib/users/users';
import { db } from '@/lib/db';

const body = z.object({ isActive: z.boolean() });

export const PUT = route<{ userId: string }>(async (req, { userId }) => {
  const p = await requirePrincipal(req);
  requireSession(p);
  requireSuperuser(p);
  if (!/^\d{1,12}$/.test(userId)) throw new HttpError(404, 'The requested resource does not exist');
  const { isActive } = await parseBody(req, body);
  if (Number(userId) === p.user.id && !isActive) throw new HttpError(400, 'isActive: you cannot disable your own account');
  const user = await setUserActive(db(), Number(userId), isActive);
  if (!user) throw new HttpError(404, 'The requested resource does not exist');
  return json({ ...user, id: String(user.id) });
});
