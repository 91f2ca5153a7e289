// One release by (URL-encoded) version: detail, update (`dateReleased` finalizes; `refs`/`commits` set commits), delete.
import { route, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { releaseAccess } from '@/lib/releases/access';
import { deleteRelease, updateRelease } from '@/lib/releases/releases';
import { updateReleaseSchema } from '@/lib/releases/schema';
import { serializeReleases } from '@/lib/releases/releases';
import { db } from '@/lib/db';

type Params = { org: string; version: string };

export const GET = route<Params>(async (req, params) => {
  const { release } = await releaseAccess(req, params, false);
  return json((await serializeReleases(db(), [release]))[0]);
});

export const PUT = route<Params>(async (req, params) => {
  const { org, release } = await releaseAccess(req, params, true);
  const updated = await updateRelease(db(), org.id, release.id, await parseBody(req, updateReleaseSchema));
  return json((await serializeReleases(db(), [updated]))[0]);
});

export const DELETE = route<Params>(async (req, params) => {
  const { release } = await releaseAccess(req, params, true);
  await deleteRelease(db(), release);
  return new Response(null, { status: 204 });
});
