// /api/0/issues/{id}/events/{eventId}/ under the organization (Sentry's newer URL); another organization's issue is
// 404.
import * as issue from '@/app/api/0/issues/[issueId]/events/[eventId]/route';
import { otherMethods } from '@/lib/api/handler';

export const GET = issue.GET;

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
