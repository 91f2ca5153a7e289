// /api/0/issues/{id}/comments/{commentId}/ under the organization; another organization's issue is 404.
import * as comment from '@/app/api/0/issues/[issueId]/comments/[commentId]/route';

export const { PUT, DELETE } = comment;
