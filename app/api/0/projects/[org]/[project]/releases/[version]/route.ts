// One release, addressed through a project as sentry-cli 2.x does (`releases finalize` PUTs here): detail and update.
// The release is resolved by organization and version among the caller's visible projects, as on the org route.
import { parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { serializeReleases, updateRelease } from '@/lib/releases/releases';
import { updateReleaseSchema } from '@/lib/releases/schema';
import { db } from '@/lib/db';

export const GET = withAccess({ release: 'org:read' }, async ({ release }) => {
  return json((await serializeReleases(db(), [release]))[0]);
});

export const PUT = withAccess({ release: ['org:read', 'project:releases'] }, async ({ req, org, release }) => {
  const updated = await updateRelease(db(), org.id, release.id, await parseBody(req, updateReleaseSchema));
  return json((await serializeReleases(db(), [updated]))[0]);
});
