// A release's deploys: list (newest first) and create (`sentry-cli deploys new -e ENV`).
import { route, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { releaseAccess } from '@/lib/releases/access';
import { createDeploy, listDeploys } from '@/lib/releases/releases';
import { newDeploySchema } from '@/lib/releases/schema';
import { serializeDeploy } from '@/lib/releases/serialize';
import { db } from '@/lib/db';

type Params = { org: string; version: string };

export const GET = route<Params>(async (req, params) => {
  const { release } = await releaseAccess(req, params, false);
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listDeploys(db(), release.id, offset, take));
  return json(rows.map(serializeDeploy), { headers });
});

export const POST = route<Params>(async (req, params) => {
  const { release } = await releaseAccess(req, params, true);
  const d = await createDeploy(db(), release.id, await parseBody(req, newDeploySchema));
  return json(serializeDeploy(d), { status: 201 });
});
