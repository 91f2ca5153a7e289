// Merging issues into the one with the most events: events, hashes (so future events follow), distinct users,
// hourly counts and tag values move to it with their counts added; the others are deleted. One transaction.
import type { Db } from '../db.ts';
import { lockIssuesForMerge, moveIntoParent } from './queries/merge.ts';

export interface MergeResult {
  parent: number;
  children: number[];
}

/** Moving the events of big issues takes a while; Prisma's default transaction timeout is 5 s. */
const MERGE_TIMEOUT_MS = 120_000;

export async function mergeIssues(db: Db, issueIds: number[]): Promise<MergeResult> {
  return db.$transaction(
    async (tx) => {
      const rows = await lockIssuesForMerge(tx, issueIds);
      const parent = [...rows].sort((a, b) =>
        b.eventCount > a.eventCount ? 1 : b.eventCount < a.eventCount ? -1 : a.id - b.id,
      )[0].id;
      const children = rows.map((r) => r.id).filter((id) => id !== parent);
      if (children.length === 0) return { parent, children };
      await moveIntoParent(tx, parent, children);
      return { parent, children };
    },
    { timeout: MERGE_TIMEOUT_MS },
  );
}
