// A release's commits (set through set-commits), in Sentry's commit shape.
import { route } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { releaseAccess } from '@/lib/releases/access';
import { serializeCommits, storedCommits } from '@/lib/releases/commits';
import { db } from '@/lib/db';

export const GET = route<{ org: string; version: string }>(async (req, params) => {
  const { org, release } = await releaseAccess(req, params, false);
  const all = storedCommits(release.commits);
  const { rows, headers } = await paginate(new URL(req.url), async (offset, take) => all.slice(offset, offset + take));
  return json(await serializeCommits(db(), org.id, rows, release.createdAt), { headers });
});
