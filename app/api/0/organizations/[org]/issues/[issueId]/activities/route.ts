// /api/0/issues/{id}/activities/ under the organization; another organization's issue is 404.
import * as issue from '@/app/api/0/issues/[issueId]/activities/route';

export const GET = issue.GET;
