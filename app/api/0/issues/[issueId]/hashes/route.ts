// The grouping hashes of an issue and what each was computed from.
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { listIssueHashes } from '@/lib/issues/hashes';
import { db } from '@/lib/db';
import { otherMethods } from '@/lib/api/handler';

export const GET = withAccess({ issue: 'event:read' }, async ({ req, issue }) => {
  const { rows, headers } = await listIssueHashes(db(), new URL(req.url), issue.id);
  return json(rows, { headers });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
