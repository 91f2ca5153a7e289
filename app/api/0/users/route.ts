// Instance users for superusers: list (by id cursor) and invite a local account with a temporary password.
import { z } from 'zod';
import { route, parseBody, parseQuery } from '@/lib/api/handler';
import { json, HttpError } from '@/lib/api/respond';
import { requirePrincipal, requireScope, requireSession, requireSuperuser } from '@/lib/auth/access';
import { inviteUser, listUsers, UserError } from '@/lib/users/users';
import { ROLES } from '@/lib/auth/roles';
import { db } from '@/lib/db';

const PAGE = 100;
const listQuery = z.object({
  cursor: z.string().regex(/^\d{1,12}$/, 'cursor must be a user id').optional(),
  query: z.string().max(200).optional(),
});

export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  requireSuperuser(p);
  requireScope(p, null, 'member:read');
  const q = parseQuery(req, listQuery);
  const users = await listUsers(db(), { afterId: q.cursor ? Number(q.cursor) : undefined, limit: PAGE, query: q.query });
  const headers: Record<string, string> = {};
  if (users.length === PAGE) {
    const next = new URL(req.url);
    next.searchParams.set('cursor', String(users[users.length - 1].id));
    headers.link = `<${next}>; rel="next"; results="true"`;
  }
  return json(users.map((u) => ({ ...u, id: String(u.id) })), { headers });
});

const inviteSchema = z.object({
  email: z.string().trim().min(3).max(254),
  name: z.string().trim().max(200).optional(),
  isSuperuser: z.boolean().default(false),
  org: z.string().trim().max(50).optional(),
  role: z.enum(ROLES).default('member'),
});

export const POST = route(async (req) => {
  const p = await requirePrincipal(req);
  requireSession(p);
  requireSuperuser(p);
  const body = await parseBody(req, inviteSchema);
  try {
    const { user, temporaryPassword } = await inviteUser(db(), { email: body.email, name: body.name, superuser: body.isSuperuser, org: body.org || undefined, role: body.role });
    return json({ id: String(user.id), email: user.email, name: user.name, isSuperuser: user.isSuperuser, temporaryPassword }, { status: 201 });
  } catch (e) {
    if (e instanceof UserError) throw new HttpError(400, e.message);
    throw e;
  }
});
