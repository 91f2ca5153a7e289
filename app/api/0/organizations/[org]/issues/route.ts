// An organization's issues across the projects the principal can see (`project=<id>` narrows): list; bulk update and
// delete.
import { otherMethods, parseBody, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { listIssues, orgProjectIds } from '@/lib/issues/list';
import { bulkDeleteIssues, bulkUpdateIssues } from '@/lib/issues/mutate';
import { issueUpdateBody, orgBulkSelectQuery, orgIssueListQuery } from '@/lib/issues/params';
import { db } from '@/lib/db';

export const GET = withAccess({ org: 'event:read' }, async ({ req, org, role, principal }) => {
  const q = parseQuery(req, orgIssueListQuery);
  const projectIds = await orgProjectIds(principal, org.id, role, q.project);
  const { rows, headers } = await listIssues(db(), new URL(req.url), {
    ...q,
    environments: q.environment,
    projectIds,
    viewerId: principal.user.id,
  });
  return json(rows, { headers });
});

export const PUT = withAccess({ org: 'event:write' }, async ({ req, org, role, principal }) => {
  const q = parseQuery(req, orgBulkSelectQuery);
  const changes = await parseBody(req, issueUpdateBody);
  const projectIds = await orgProjectIds(principal, org.id, role, q.project);
  const result = await bulkUpdateIssues(
    db(),
    org.id,
    { ...q, ids: q.id, environments: q.environment, projectIds, viewerId: principal.user.id },
    changes,
  );
  return result ? json(result) : new Response(null, { status: 204 });
});

export const DELETE = withAccess({ org: 'event:admin' }, async ({ req, org, role, principal }) => {
  const q = parseQuery(req, orgBulkSelectQuery);
  const projectIds = await orgProjectIds(principal, org.id, role, q.project);
  await bulkDeleteIssues(db(), {
    ...q,
    ids: q.id,
    environments: q.environment,
    projectIds,
    viewerId: principal.user.id,
  });
  return new Response(null, { status: 204 });
});

export const { POST, PATCH } = otherMethods('GET', 'PUT', 'DELETE');
