// The organization's teams: list (with projects and member counts) and create.
import { z } from 'zod';
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { paginate } from '@/lib/api/pagination';
import { createTeam, listTeams } from '@/lib/teams/teams';
import { serializeTeam } from '@/lib/teams/serialize';
import { db } from '@/lib/db';
import { InvalidError } from '@/lib/errors';

export const GET = withAccess({ org: 'team:read' }, async ({ req, org, principal }) => {
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) =>
    listTeams(db(), org.id, principal.user.id, offset, take),
  );
  return json(rows.map(serializeTeam), { headers });
});

const body = z.object({
  name: z.string().trim().min(1).max(64).optional(),
  slug: z.string().trim().min(1).max(50).optional(),
});

export const POST = withAccess({ org: 'team:write' }, async ({ req, org, principal }) => {
  const b = await parseBody(req, body);
  if (!b.name && !b.slug) throw new InvalidError(null, 'name or slug is required');
  return json(serializeTeam(await createTeam(db(), org.id, b, principal.user.id)), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
