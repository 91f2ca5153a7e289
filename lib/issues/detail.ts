// One issue as Sentry's issue details endpoint answers it: the list shape plus 24h/30d stats, tag keys and releases.
import type { Db } from '../db.ts';
import { NotFoundError } from '../errors.ts';
import { loadIssues } from './list.ts';
import { issueTagKeys } from './tags.ts';
import type { IssueDetail } from './contract.ts';

export async function issueDetail(db: Db, issueId: number, now = new Date()): Promise<IssueDetail> {
  const [[issue], tags] = await Promise.all([
    loadIssues(db, [issueId], ['24h', '30d'], now),
    issueTagKeys(db, issueId),
  ]);
  if (!issue) throw new NotFoundError();
  return {
    ...issue,
    tags,
    participants: [],
    activity: [],
    seenBy: [],
    pluginActions: [],
    pluginIssues: [],
    pluginContexts: [],
    userReportCount: 0,
  };
}
