// Removing a repository (commits already recorded on releases keep its name).
import { withAccess } from '@/lib/api/withAccess';
import { deleteRepo } from '@/lib/releases/repos';
import { db } from '@/lib/db';
import { otherMethods } from '@/lib/api/handler';

export const DELETE = withAccess({ org: 'org:write' }, async ({ params, org }) => {
  await deleteRepo(db(), org.id, params.repoId);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = otherMethods('DELETE');
