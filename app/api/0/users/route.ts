// Instance users for superusers: list (by id cursor) and invite a local account with a temporary password.
import { z } from 'zod';
import { otherMethods, parseBody, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { inviteUser, listUsers } from '@/lib/users/users';
import { ROLES } from '@/lib/auth/roles';
import { db } from '@/lib/db';

const PAGE = 100;
const listQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,12}$/, 'cursor must be a user id')
    .optional(),
  query: z.string().max(200).optional(),
});

export const GET = withAccess({ superuser: true, scope: 'member:read' }, async ({ req }) => {
  const q = parseQuery(req, listQuery);
  const users = await listUsers(db(), {
    afterId: q.cursor ? Number(q.cursor) : undefined,
    limit: PAGE,
    query: q.query,
  });
  const headers: Record<string, string> = {};
  if (users.length === PAGE) {
    const next = new URL(req.url);
    next.searchParams.set('cursor', String(users[users.length - 1].id));
    headers.link = `<${next}>; rel="next"; results="true"`;
  }
  return json(
    users.map((u) => ({ ...u, id: String(u.id) })),
    { headers },
  );
});

const inviteSchema = z.object({
  email: z.string().trim().min(3).max(254),
  name: z.string().trim().max(200).optional(),
  isSuperuser: z.boolean().default(false),
  org: z.string().trim().max(50).optional(),
  role: z.enum(ROLES).default('member'),
});

export const POST = withAccess({ session: true, superuser: true }, async ({ req }) => {
  const body = await parseBody(req, inviteSchema);
  const { user, temporaryPassword } = await inviteUser(db(), {
    email: body.email,
    name: body.name,
    superuser: body.isSuperuser,
    org: body.org || undefined,
    role: body.role,
  });
  return json(
    { id: String(user.id), email: user.email, name: user.name, isSuperuser: user.isSuperuser, temporaryPassword },
    { status: 201 },
  );
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
