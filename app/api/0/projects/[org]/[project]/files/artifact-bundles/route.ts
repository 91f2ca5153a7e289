// The project's uploaded source-map bundles (Project settings → Source maps), newest first.
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { withAccess } from '@/lib/api/withAccess';
import { listProjectBundles } from '@/lib/sourcemaps/bundles';
import { otherMethods } from '@/lib/api/handler';

export const GET = withAccess({ project: 'project:read' }, async ({ req, project }) => {
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) =>
    listProjectBundles(project.id, offset, take),
  );
  return json(rows, { headers });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
