// One member (by membership id, or `me`): detail, role and teams (member:write), removal (member:admin, or oneself).
import { z } from 'zod';
import { route, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { orgAccess, requirePrincipal, requireScope } from '@/lib/auth/access';
import { ROLES } from '@/lib/auth/roles';
import { findMember, removeMember, serializeMember, updateMember } from '@/lib/orgs/members';
import { db } from '@/lib/db';

type Params = { org: string; memberId: string };

export const GET = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org } = await orgAccess(p, params.org, 'member:read');
  return json(serializeMember(await findMember(db(), org.id, params.memberId, p)));
});

const changes = z
  .object({
    role: z.enum(ROLES).optional(),
    orgRole: z.enum(ROLES).optional(),
    teams: z.array(z.string().min(1).max(50)).max(100).optional(),
  })
  .transform((b) => ({ role: b.orgRole ?? b.role, teams: b.teams }));

export const PUT = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'member:write');
  const m = await findMember(db(), org.id, params.memberId, p);
  return json(serializeMember(await updateMember(db(), org, { p, role }, m, await parseBody(req, changes))));
});

export const DELETE = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'org:read');
  const m = await findMember(db(), org.id, params.memberId, p);
  // Leaving an organization needs no admin rights.
  if (m.userId !== p.user.id) requireScope(p, role, 'member:admin');
  await removeMember(db(), org, { p, role }, m);
  return new Response(null, { status: 204 });
});
