// A project's effective quotas: its own settings, else the org's, else the defaults from the environment.
import { config } from '../config.ts';
import type { QuotaSettings } from './quota.ts';

export interface QuotaColumns {
  orgId: number;
  rateLimitPerMinute: number | null;
  rateLimitPerDay: number | null;
  org: { rateLimitPerMinute: number | null };
}

export function quotaSettings(p: QuotaColumns): QuotaSettings {
  const c = config();
  return {
    orgId: p.orgId,
    perMinute: p.rateLimitPerMinute ?? c.PROJECT_RATE_LIMIT_PER_MINUTE,
    perDay: p.rateLimitPerDay ?? 0,
    orgPerMinute: p.org.rateLimitPerMinute ?? c.ORG_RATE_LIMIT_PER_MINUTE,
    spikeFactor: c.SPIKE_PROTECTION_FACTOR,
    spikeFloorPerMinute: c.SPIKE_PROTECTION_FLOOR_PER_MINUTE,
  };
}

/** Prisma `select` of the columns quotaSettings reads. */
export const quotaColumns = {
  orgId: true,
  rateLimitPerMinute: true,
  rateLimitPerDay: true,
  org: { select: { rateLimitPerMinute: true } },
} as const;
