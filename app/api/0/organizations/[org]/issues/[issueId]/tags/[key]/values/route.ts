// /api/0/issues/{id}/tags/{key}/values/ under the organization (Sentry's newer URL); another organization's issue is
// 404.
import * as issue from '@/app/api/0/issues/[issueId]/tags/[key]/values/route';

export const GET = issue.GET;
