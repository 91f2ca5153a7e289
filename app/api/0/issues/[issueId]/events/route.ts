// An issue's events, newest first; `full=true` gives whole events instead of the short form.
import { otherMethods, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { listIssueEvents } from '@/lib/issues/events';
import { issueEventsQuery } from '@/lib/issues/params';
import { db } from '@/lib/db';

export const GET = withAccess({ issue: 'event:read' }, async ({ req, issue }) => {
  const { full, query } = parseQuery(req, issueEventsQuery);
  const { rows, headers } = await listIssueEvents(
    db(),
    new URL(req.url),
    issue.id,
    full === 'true' || full === '1',
    query,
  );
  return json(rows, { headers });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
