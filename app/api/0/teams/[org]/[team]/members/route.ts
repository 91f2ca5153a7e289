// The members of one team, in Sentry's organization-member shape.
import { route } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { orgAccess, requirePrincipal, requireScope } from '@/lib/auth/access';
import { getTeam } from '@/lib/teams/teams';
import { listMembers, serializeMember } from '@/lib/orgs/members';
import { db } from '@/lib/db';

export const GET = route<{ org: string; team: string }>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'team:read');
  requireScope(p, role, 'member:read');
  const team = await getTeam(db(), org.id, params.team, p.user.id);
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listMembers(db(), org.id, offset, take, team.id));
  return json(rows.map(serializeMember), { headers });
});
