// One issue as Sentry's issue details endpoint answers it: the list shape plus 24h/30d stats, tag keys and releases.
import type { Db } from '../db.ts';
import { HttpError } from '../api/respond.ts';
import { loadIssues } from './list.ts';
import { issueTagKeys } from './tags.ts';
import type { IssueDetail } from './contract.ts';

export async function issueDetail(db: Db, issueId: number, now = new Date()): Promise<IssueDetail> {
  const [[issue], tags] = await Promise.all([loadIssues(db, [issueId], ['24h', '30d'], now), issueTagKeys(db, issueId)]);
  if (!issue) throw new HttpError(404, 'The requested resource does not exist');
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
