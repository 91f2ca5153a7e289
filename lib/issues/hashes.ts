// The grouping hashes of an issue (several after a merge), each with the components that produced it, so a
// person can see why events were grouped together, and the latest event that had it.
import type { Db } from '../db.ts';
import { paginate } from '../api/pagination.ts';
import { serializeEventSimple } from '../events/serialize.ts';
import type { IssueHash } from './contract.ts';

export async function listIssueHashes(db: Db, url: URL, issueId: number) {
  const page = await paginate(url, (offset, take) =>
    db.issueHash.findMany({ where: { issueId }, orderBy: { id: 'asc' }, skip: offset, take }),
  );
  const rows = await Promise.all(
    page.rows.map(async (h): Promise<IssueHash> => {
      const latest = await db.event.findFirst({
        where: { issueId, hash: h.hash },
        orderBy: [{ timestamp: 'desc' }, { id: 'desc' }],
      });
      const c = (h.components ?? {}) as { variant?: string; values?: unknown[] };
      return {
        id: h.hash,
        latestEvent: latest ? serializeEventSimple(latest) : null,
        mergedBySeer: false,
        groupingVersion: h.groupingVersion,
        /**
         * What the hash was computed from: the variant (fingerprint, stacktrace, exception, message) and its inputs.
         */
        components: { variant: c.variant ?? null, values: Array.isArray(c.values) ? c.values : [] },
        dateCreated: h.createdAt.toISOString(),
      };
    }),
  );
  return { rows, headers: page.headers };
}
