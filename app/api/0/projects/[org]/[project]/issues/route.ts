// A project's issues (Sentry's project issue index): search and list; bulk update and delete.
import { route, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { projectAccess, requirePrincipal } from '@/lib/auth/access';
import { listIssues } from '@/lib/issues/list';
import { issueListQuery } from '@/lib/issues/params';
import { db } from '@/lib/db';

type Params = { org: string; project: string };

export const GET = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { project } = await projectAccess(p, params.org, params.project, 'event:read');
  const q = parseQuery(req, issueListQuery);
  const { rows, headers } = await listIssues(db(), new URL(req.url), { ...q, environments: q.environment, projectIds: [project.id], viewerId: p.user.id });
  return json(rows, { headers });
});
