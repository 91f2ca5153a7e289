// A release's deploys: list (newest first) and create (`sentry-cli deploys new -e ENV`).
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { paginate } from '@/lib/api/pagination';
import { createDeploy, listDeploys } from '@/lib/releases/releases';
import { newDeploySchema } from '@/lib/releases/schema';
import { serializeDeploy } from '@/lib/releases/serialize';
import { db } from '@/lib/db';

export const GET = withAccess({ release: 'org:read' }, async ({ req, release }) => {
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) =>
    listDeploys(db(), release.id, offset, take),
  );
  return json(rows.map(serializeDeploy), { headers });
});

export const POST = withAccess({ release: ['org:read', 'project:releases'] }, async ({ req, release }) => {
  const d = await createDeploy(db(), release.id, await parseBody(req, newDeploySchema));
  return json(serializeDeploy(d), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
