// Deleting an uploaded bundle from a project (project admins).
import { withAccess } from '@/lib/api/withAccess';
import { NotFoundError } from '@/lib/errors';
import { removeProjectBundle } from '@/lib/sourcemaps/bundles';

export const DELETE = withAccess({ project: 'project:admin' }, async ({ project, params }) => {
  if (!/^\d{1,12}$/.test(params.bundleId)) throw new NotFoundError();
  await removeProjectBundle(project.id, Number(params.bundleId));
  return new Response(null, { status: 204 });
});
