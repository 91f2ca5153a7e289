// /api/0/issues/{id}/tags/{key}/values/ under the organization (Sentry's newer URL); another organization's issue is
// 404.
import * as issue from '@/app/api/0/issues/[issueId]/tags/[key]/values/route';
import { otherMethods } from '@/lib/api/handler';

export const GET = issue.GET;

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
