// Adding a member to a team and taking them off it: team:write, or oneself in an organization with open membership.
import { json } from '@/lib/api/respond';
import { withAccess, type AccessContext } from '@/lib/api/withAccess';
import { findMember, requireTeamNotDirectoryManaged } from '@/lib/orgs/members';
import { addTeamMember, getTeam, removeTeamMember } from '@/lib/teams/teams';
import { serializeTeam } from '@/lib/teams/serialize';
import { db } from '@/lib/db';
import { otherMethods } from '@/lib/api/handler';

const needs = { org: 'org:read' } as const;

async function memberAndTeam({ params, principal, org, requireScope }: AccessContext<typeof needs>) {
  const m = await findMember(db(), org.id, params.memberId, principal);
  const team = await getTeam(db(), org.id, params.team, principal.user.id);
  if (!(m.userId === principal.user.id && org.openMembership)) requireScope('team:write');
  requireTeamNotDirectoryManaged(org, m.user, team.slug);
  return { m, team };
}

export const POST = withAccess(needs, async (ctx) => {
  const { m, team } = await memberAndTeam(ctx);
  const added = await addTeamMember(db(), team.id, m.userId);
  const shape = serializeTeam(await getTeam(db(), ctx.org.id, team.slug, ctx.principal.user.id));
  return added ? json(shape, { status: 201 }) : new Response(null, { status: 204 });
});

export const DELETE = withAccess(needs, async (ctx) => {
  const { m, team } = await memberAndTeam(ctx);
  await removeTeamMember(db(), team.id, m.userId);
  return json(serializeTeam(await getTeam(db(), ctx.org.id, team.slug, ctx.principal.user.id)));
});

export const { GET, PUT, PATCH } = otherMethods('POST', 'DELETE');
