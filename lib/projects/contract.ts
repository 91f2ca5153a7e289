// The /api/0 project and client-key shapes (Sentry's, as `sentry-cli projects list` and the dashboard read them).
import type { StatsSeries } from '../issues/contract.ts';

export interface TeamRef {
  id: string;
  slug: string;
  name: string;
}

export interface Project {
  id: string;
  slug: string;
  name: string;
  platform: string | null;
  dateCreated: string;
  isBookmarked: boolean;
  isMember: boolean;
  hasAccess: boolean;
  status: string;
  features: string[];
  firstEvent: string | null;
  allowedDomains: string[];
  /** Faultline's quotas and retention for the project; null = the install's default (see README). */
  rateLimitPerMinute: number | null;
  rateLimitPerDay: number | null;
  retentionDays: number | null;
  /** sentry-cli's `projects list` still reads the single `team`; Sentry keeps it for that reason. */
  team: TeamRef | null;
  teams: TeamRef[];
  organization: TeamRef;
  /** With `?statsPeriod=`: event counts per bucket. */
  stats?: StatsSeries;
  /** With `?statsPeriod=`. */
  unresolvedIssues?: number;
}

export interface ProjectKey {
  id: string;
  name: string;
  label: string;
  public: string;
  secret: string;
  projectId: number;
  isActive: boolean;
  dateCreated: string;
  rateLimit: { window: number; count: number } | null;
  dsn: { secret: string; public: string; csp: string; security: string; minidump: string; unreal: string; cdn: null };
  browserSdkVersion: null;
  useCase: string;
}
