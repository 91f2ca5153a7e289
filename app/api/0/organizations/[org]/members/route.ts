// The organization's members: list, and add an existing Faultline user by email with a role.
import { z } from 'zod';
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { paginate } from '@/lib/api/pagination';
import { ROLES } from '@/lib/auth/roles';
import { addMember, listMembers, serializeMember } from '@/lib/orgs/members';
import { db } from '@/lib/db';

export const GET = withAccess({ org: 'member:read' }, async ({ req, org }) => {
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listMembers(db(), org.id, offset, take));
  return json(rows.map(serializeMember), { headers });
});

// Sentry sends `orgRole` (newer) or `role` (older clients).
const body = z
  .object({
    email: z.string().trim().min(3).max(254),
    role: z.enum(ROLES).optional(),
    orgRole: z.enum(ROLES).optional(),
    teams: z.array(z.string().min(1).max(50)).max(100).optional(),
  })
  .transform((b) => ({ email: b.email, role: b.orgRole ?? b.role ?? 'member', teams: b.teams }));

export const POST = withAccess({ org: 'member:write' }, async ({ req, org, role, principal }) => {
  const m = await addMember(db(), org, { p: principal, role }, await parseBody(req, body));
  return json(serializeMember(m), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
