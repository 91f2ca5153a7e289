// The /api/0 release and deploy shapes (what sentry-cli's ReleaseInfo and Deploy structs read, and the dashboard).

export interface Deploy {
  id: string;
  environment: string;
  name: string | null;
  url: string | null;
  dateStarted: string | null;
  dateFinished: string;
}

export interface ReleaseProject {
  id: number;
  slug: string;
  name: string;
  platform: string | null;
  platforms: string[];
  newGroups: number;
  hasHealthData: boolean;
}

export interface Release {
  id: number;
  version: string;
  shortVersion: string;
  status: string;
  ref: string | null;
  url: string | null;
  dateCreated: string;
  dateReleased: string | null;
  dateStarted: string | null;
  data: Record<string, unknown>;
  owner: null;
  newGroups: number;
  commitCount: number;
  lastCommit: { id: string; message: string | null; dateCreated: string } | null;
  deployCount: number;
  lastDeploy: Deploy | null;
  firstEvent: string | null;
  lastEvent: string | null;
  authors: { name: string; email: string }[];
  projects: ReleaseProject[];
}
