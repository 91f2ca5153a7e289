// A release's commits (set through set-commits), in Sentry's commit shape.
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { paginate } from '@/lib/api/pagination';
import { serializeCommits, storedCommits } from '@/lib/releases/commits';
import { db } from '@/lib/db';
import { otherMethods } from '@/lib/api/handler';

export const GET = withAccess({ release: 'org:read' }, async ({ req, org, release }) => {
  const all = storedCommits(release.commits);
  const { rows, headers } = await paginate(new URL(req.url), async (offset, take) => all.slice(offset, offset + take));
  return json(await serializeCommits(db(), org.id, rows, release.createdAt), { headers });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
