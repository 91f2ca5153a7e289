// What the worker reports for each event it stored, for alert rules and anything else that reacts to events.

export interface StoredEvent {
  projectId: number;
  issueId: number;
  eventId: string;
  /** This event created the issue. */
  isNewIssue: boolean;
  /** This event reopened a resolved issue. */
  isRegression: boolean;
  level: string;
  environment: string;
  release: string | null;
  tags: [string, string][];
  userKey: string | null;
  timestamp: string;
}
