// The organization's repositories by name: what `sentry-cli releases set-commits --commit repo@sha` checks names against.
import { route, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { orgAccess, requirePrincipal } from '@/lib/auth/access';
import { createRepo, listRepos, serializeRepo } from '@/lib/releases/repos';
import { newRepoSchema } from '@/lib/releases/schema';
import { db } from '@/lib/db';

type Params = { org: string };

export const GET = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org } = await orgAccess(p, params.org, 'org:read');
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listRepos(db(), org.id, offset, take));
  return json(rows.map(serializeRepo), { headers });
});

export const POST = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org } = await orgAccess(p, params.org, 'org:write');
  return json(serializeRepo(await createRepo(db(), org.id, await parseBody(req, newRepoSchema))), { status: 201 });
});
