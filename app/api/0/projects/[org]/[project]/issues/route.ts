// A project's issues (Sentry's project issue index): search and list; bulk update and delete by `id=` or query.
import { otherMethods, parseBody, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { listIssues } from '@/lib/issues/list';
import { bulkDeleteIssues, bulkUpdateIssues } from '@/lib/issues/mutate';
import { bulkSelectQuery, issueListQuery, issueUpdateBody } from '@/lib/issues/params';
import { db } from '@/lib/db';

export const GET = withAccess({ project: 'event:read' }, async ({ req, project, principal }) => {
  const q = parseQuery(req, issueListQuery);
  const { rows, headers } = await listIssues(db(), new URL(req.url), {
    ...q,
    environments: q.environment,
    projectIds: [project.id],
    viewerId: principal.user.id,
  });
  return json(rows, { headers });
});

export const PUT = withAccess({ project: 'event:write' }, async ({ req, org, project, principal }) => {
  const q = parseQuery(req, bulkSelectQuery);
  const changes = await parseBody(req, issueUpdateBody);
  const result = await bulkUpdateIssues(
    db(),
    org.id,
    { ...q, ids: q.id, environments: q.environment, projectIds: [project.id], viewerId: principal.user.id },
    changes,
  );
  return result ? json(result) : new Response(null, { status: 204 });
});

export const DELETE = withAccess({ project: 'event:admin' }, async ({ req, project, principal }) => {
  const q = parseQuery(req, bulkSelectQuery);
  await bulkDeleteIssues(db(), {
    ...q,
    ids: q.id,
    environments: q.environment,
    projectIds: [project.id],
    viewerId: principal.user.id,
  });
  return new Response(null, { status: 204 });
});

export const { POST, PATCH } = otherMethods('GET', 'PUT', 'DELETE');
