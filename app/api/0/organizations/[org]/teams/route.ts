// The organization's teams: list (with projects and member counts) and create.
import { z } from 'zod';
import { route, parseBody } from '@/lib/api/handler';
import { json, HttpError } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { orgAccess, requirePrincipal } from '@/lib/auth/access';
import { createTeam, listTeams } from '@/lib/teams/teams';
import { serializeTeam } from '@/lib/teams/serialize';
import { db } from '@/lib/db';

type Params = { org: string };

export const GET = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org } = await orgAccess(p, params.org, 'team:read');
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listTeams(db(), org.id, p.user.id, offset, take));
  return json(rows.map(serializeTeam), { headers });
});

const body = z.object({ name: z.string().trim().min(1).max(64).optional(), slug: z.string().trim().min(1).max(50).optional() });

export const POST = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org } = await orgAccess(p, params.org, 'team:write');
  const b = await parseBody(req, body);
  if (!b.name && !b.slug) throw new HttpError(400, 'name or slug is required');
  return json(serializeTeam(await createTeam(db(), org.id, b, p.user.id)), { status: 201 });
});
