// The /api/0 team shape (Sentry's).
import type { LetterAvatar } from '../orgs/contract.ts';

export interface Team {
  id: string;
  slug: string;
  name: string;
  dateCreated: string;
  isMember: boolean;
  teamRole: null;
  hasAccess: boolean;
  isPending: boolean;
  memberCount: number;
  avatar: LetterAvatar;
  projects: { id: string; slug: string; name: string; platform: string | null }[];
}
