// /api/0/issues/{id}/comments/{commentId}/ under the organization; another organization's issue is 404.
import * as comment from '@/app/api/0/issues/[issueId]/comments/[commentId]/route';
import { otherMethods } from '@/lib/api/handler';

export const { PUT, DELETE } = comment;

export const { GET, POST, PATCH } = otherMethods('PUT', 'DELETE');
