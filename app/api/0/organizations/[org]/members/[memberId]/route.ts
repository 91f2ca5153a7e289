// One member (by membership id, or `me`): detail, role and teams (member:write), removal (member:admin, or oneself).
import { z } from 'zod';
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { ROLES } from '@/lib/auth/roles';
import { findMember, removeMember, serializeMember, updateMember } from '@/lib/orgs/members';
import { db } from '@/lib/db';

export const GET = withAccess({ org: 'member:read' }, async ({ params, org, principal }) => {
  return json(serializeMember(await findMember(db(), org.id, params.memberId, principal)));
});

const changes = z
  .object({
    role: z.enum(ROLES).optional(),
    orgRole: z.enum(ROLES).optional(),
    teams: z.array(z.string().min(1).max(50)).max(100).optional(),
  })
  .transform((b) => ({ role: b.orgRole ?? b.role, teams: b.teams }));

export const PUT = withAccess({ org: 'member:write' }, async ({ req, params, org, role, principal }) => {
  const m = await findMember(db(), org.id, params.memberId, principal);
  return json(serializeMember(await updateMember(db(), org, { p: principal, role }, m, await parseBody(req, changes))));
});

export const DELETE = withAccess({ org: 'org:read' }, async ({ params, org, role, requireScope, principal }) => {
  const m = await findMember(db(), org.id, params.memberId, principal);
  // Leaving an organization needs no admin rights.
  if (m.userId !== principal.user.id) requireScope('member:admin');
  await removeMember(db(), org, { p: principal, role }, m);
  return new Response(null, { status: 204 });
});

export const { POST, PATCH } = otherMethods('GET', 'PUT', 'DELETE');
