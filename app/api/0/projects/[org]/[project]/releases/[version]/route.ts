// One release addressed through a project, as sentry-cli 2.x does (`releases finalize` PUTs here). The project must be
// the organization's and visible to the caller (404 otherwise). Reading answers only a release of this project (as
// Sentry does); an update links the release to it.
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { db } from '@/lib/db';
import { findRelease, serializeReleases, updateProjectRelease } from '@/lib/releases/releases';
import { updateReleaseSchema } from '@/lib/releases/schema';

export const GET = withAccess({ project: 'org:read' }, async ({ org, project, params }) => {
  const release = await findRelease(db(), org.id, [project.id], params.version);
  return json((await serializeReleases(db(), [release]))[0]);
});

export const PUT = withAccess(
  { project: ['org:read', 'project:releases'] },
  async ({ req, org, project, params, visibleProjectIds }) => {
    const body = await parseBody(req, updateReleaseSchema);
    const updated = await updateProjectRelease(
      db(),
      org.id,
      await visibleProjectIds(),
      project.id,
      params.version,
      body,
    );
    return json((await serializeReleases(db(), [updated]))[0]);
  },
);

export const { POST, PATCH, DELETE } = otherMethods('GET', 'PUT');
