// The /api/0/projects/{org}/{project}/usage/ shape: 30 days of outcomes, for the Usage chart.
export interface UsageDay {
  /** YYYY-MM-DD (UTC). */
  date: string;
  accepted: number;
  rateLimited: number;
  refused: number;
  /** What the SDKs reported dropping themselves (client reports). */
  clientDiscarded: number;
}

export interface UsageReason {
  outcome: string;
  category: string;
  reason: string;
  quantity: number;
}

export interface ProjectUsage {
  days: UsageDay[];
  /** Totals over the period per outcome, category and reason. */
  reasons: UsageReason[];
  /** The effective limits now (project settings, else the install's defaults); 0 = none. */
  limits: { perMinute: number; perDay: number; orgPerMinute: number; spikeFactor: number; retentionDays: number };
  storage: { databaseBytes: number; eventTableBytes: number; storedEvents: number };
}
