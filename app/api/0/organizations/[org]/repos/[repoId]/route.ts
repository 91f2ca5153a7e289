// Removing a repository (commits already recorded on releases keep its name).
import { route } from '@/lib/api/handler';
import { orgAccess, requirePrincipal } from '@/lib/auth/access';
import { deleteRepo } from '@/lib/releases/repos';
import { db } from '@/lib/db';

export const DELETE = route<{ org: string; repoId: string }>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org } = await orgAccess(p, params.org, 'org:write');
  await deleteRepo(db(), org.id, params.repoId);
  return new Response(null, { status: 204 });
});
