// /api/0/issues/{id}/ under the organization (Sentry's newer URL); another organization's issue is 404.
import * as issue from '@/app/api/0/issues/[issueId]/route';
import { otherMethods } from '@/lib/api/handler';

export const GET = issue.GET;
export const PUT = issue.PUT;
export const DELETE = issue.DELETE;

export const { POST, PATCH } = otherMethods('GET', 'PUT', 'DELETE');
