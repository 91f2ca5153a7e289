// /api/0/issues/{id}/comments/ under the organization (Sentry's newer URL); another organization's issue is 404.
import * as issue from '@/app/api/0/issues/[issueId]/comments/route';
import { otherMethods } from '@/lib/api/handler';

export const { GET, POST } = issue;

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
