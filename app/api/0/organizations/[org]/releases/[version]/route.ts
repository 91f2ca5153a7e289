// One release by (URL-encoded) version: detail, update (`dateReleased` finalizes; `refs`/`commits` set commits),
// delete.
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { deleteRelease, updateRelease } from '@/lib/releases/releases';
import { updateReleaseSchema } from '@/lib/releases/schema';
import { serializeReleases } from '@/lib/releases/releases';
import { db } from '@/lib/db';

export const GET = withAccess({ release: 'org:read' }, async ({ release }) => {
  return json((await serializeReleases(db(), [release]))[0]);
});

export const PUT = withAccess({ release: ['org:read', 'project:releases'] }, async ({ req, org, release }) => {
  const updated = await updateRelease(db(), org.id, release.id, await parseBody(req, updateReleaseSchema));
  return json((await serializeReleases(db(), [updated]))[0]);
});

export const DELETE = withAccess({ release: ['org:read', 'project:releases'] }, async ({ release }) => {
  await deleteRelease(db(), release);
  return new Response(null, { status: 204 });
});

export const { POST, PATCH } = otherMethods('GET', 'PUT', 'DELETE');
