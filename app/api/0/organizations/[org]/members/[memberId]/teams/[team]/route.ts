// Adding a member to a team and taking them off it: team:write, or oneself in an organization with open membership.
import { route } from '@/lib/api/handler';
import { json, HttpError } from '@/lib/api/respond';
import { orgAccess, requirePrincipal, requireScope } from '@/lib/auth/access';
import { directoryManagedTeam, findMember } from '@/lib/orgs/members';
import { addTeamMember, getTeam, removeTeamMember } from '@/lib/teams/teams';
import { serializeTeam } from '@/lib/teams/serialize';
import { db } from '@/lib/db';

type Params = { org: string; memberId: string; team: string };

async function resolve(req: Request, params: Params) {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'org:read');
  const m = await findMember(db(), org.id, params.memberId, p);
  const team = await getTeam(db(), org.id, params.team, p.user.id);
  if (!(m.userId === p.user.id && org.openMembership)) requireScope(p, role, 'team:write');
  if (directoryManagedTeam(org, m.user, team.slug)) {
    throw new HttpError(400, `team: membership of ${team.slug} is set from LDAP groups at every sign-in (LDAP_TEAM_MAPPING)`);
  }
  return { p, org, m, team };
}

export const POST = route<Params>(async (req, params) => {
  const { p, org, m, team } = await resolve(req, params);
  const added = await addTeamMember(db(), team.id, m.userId);
  const shape = serializeTeam(await getTeam(db(), org.id, team.slug, p.user.id));
  return added ? json(shape, { status: 201 }) : new Response(null, { status: 204 });
});

export const DELETE = route<Params>(async (req, params) => {
  const { p, org, m, team } = await resolve(req, params);
  await removeTeamMember(db(), team.id, m.userId);
  return json(serializeTeam(await getTeam(db(), org.id, team.slug, p.user.id)));
});
