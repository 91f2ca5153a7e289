// One team: detail, rename (team:write), delete (team:admin).
import { z } from 'zod';
import { route, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { orgAccess, requirePrincipal } from '@/lib/auth/access';
import { deleteTeam, getTeam, updateTeam } from '@/lib/teams/teams';
import { serializeTeam } from '@/lib/teams/serialize';
import { db } from '@/lib/db';

type Params = { org: string; team: string };

export const GET = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org } = await orgAccess(p, params.org, 'team:read');
  return json(serializeTeam(await getTeam(db(), org.id, params.team, p.user.id)));
});

const changes = z.object({ name: z.string().trim().min(1).max(64).optional(), slug: z.string().trim().min(1).max(50).optional() });

export const PUT = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org } = await orgAccess(p, params.org, 'team:write');
  const team = await getTeam(db(), org.id, params.team, p.user.id);
  const updated = await updateTeam(db(), team, await parseBody(req, changes));
  return json(serializeTeam(await getTeam(db(), org.id, updated.slug, p.user.id)));
});

export const DELETE = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org } = await orgAccess(p, params.org, 'team:admin');
  await deleteTeam(db(), (await getTeam(db(), org.id, params.team, p.user.id)).id);
  return new Response(null, { status: 204 });
});
