// One team: detail, rename (team:write), delete (team:admin).
import { z } from 'zod';
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { deleteTeam, getTeam, updateTeam } from '@/lib/teams/teams';
import { serializeTeam } from '@/lib/teams/serialize';
import { db } from '@/lib/db';

export const GET = withAccess({ org: 'team:read' }, async ({ params, org, principal }) => {
  return json(serializeTeam(await getTeam(db(), org.id, params.team, principal.user.id)));
});

const changes = z.object({
  name: z.string().trim().min(1).max(64).optional(),
  slug: z.string().trim().min(1).max(50).optional(),
});

export const PUT = withAccess({ org: 'team:write' }, async ({ req, params, org, principal }) => {
  const team = await getTeam(db(), org.id, params.team, principal.user.id);
  const updated = await updateTeam(db(), team, await parseBody(req, changes));
  return json(serializeTeam(await getTeam(db(), org.id, updated.slug, principal.user.id)));
});

export const DELETE = withAccess({ org: 'team:admin' }, async ({ params, org, principal }) => {
  await deleteTeam(db(), (await getTeam(db(), org.id, params.team, principal.user.id)).id);
  return new Response(null, { status: 204 });
});

export const { POST, PATCH } = otherMethods('GET', 'PUT', 'DELETE');
