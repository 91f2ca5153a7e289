// The members of one team, in Sentry's organization-member shape.
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { paginate } from '@/lib/api/pagination';
import { getTeam } from '@/lib/teams/teams';
import { listMembers, serializeMember } from '@/lib/orgs/members';
import { db } from '@/lib/db';
import { otherMethods } from '@/lib/api/handler';

export const GET = withAccess({ org: ['team:read', 'member:read'] }, async ({ req, params, org, principal }) => {
  const team = await getTeam(db(), org.id, params.team, principal.user.id);
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) =>
    listMembers(db(), org.id, offset, take, team.id),
  );
  return json(rows.map(serializeMember), { headers });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
