// Deleting an uploaded bundle from a project (project admins).
import { withAccess } from '@/lib/api/withAccess';
import { NotFoundError } from '@/lib/errors';
import { removeProjectBundle } from '@/lib/sourcemaps/bundles';
import { otherMethods } from '@/lib/api/handler';

export const DELETE = withAccess({ project: 'project:admin' }, async ({ project, params }) => {
  if (!/^\d{1,12}$/.test(params.bundleId)) throw new NotFoundError();
  await removeProjectBundle(project.id, Number(params.bundleId));
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = otherMethods('DELETE');
