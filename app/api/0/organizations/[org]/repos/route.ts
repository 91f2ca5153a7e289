// The organization's repositories by name: what `sentry-cli releases set-commits --commit repo@sha` checks names
// against.
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { paginate } from '@/lib/api/pagination';
import { createRepo, listRepos, serializeRepo } from '@/lib/releases/repos';
import { newRepoSchema } from '@/lib/releases/schema';
import { db } from '@/lib/db';

export const GET = withAccess({ org: 'org:read' }, async ({ req, org }) => {
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listRepos(db(), org.id, offset, take));
  return json(rows.map(serializeRepo), { headers });
});

export const POST = withAccess({ org: 'org:write' }, async ({ req, org }) => {
  return json(serializeRepo(await createRepo(db(), org.id, await parseBody(req, newRepoSchema))), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
