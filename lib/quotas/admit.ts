// The ingest edge's one question to the quota system: may these events of this key's project go in?
import type { Redis } from 'ioredis';
import { rateLimitedFor, rateLimitHeaders } from '../ingest/keyRateLimit.ts';
import type { IngestKey } from '../ingest/keyCache.ts';
import { discardFields, type DiscardCount } from './clientReport.ts';
import { checkQuota, quotaHeaders, quotaRefusalText } from './quota.ts';
import { outcome, recordUsage } from './usage.ts';

export interface Refusal {
  detail: string;
  headers: Record<string, string>;
}

/**
 * Records the SDK's client reports, applies the key's own limit, then the project/org quotas and spike
 * protection. Null means accepted (and counted); a refusal carries the 429's text and headers.
 */
export async function admitEvents(
  redis: Redis,
  key: IngestKey,
  events: number,
  discards: DiscardCount[],
): Promise<Refusal | null> {
  if (discards.length > 0) await recordUsage(redis, key.projectId, discardFields(discards));
  if (events === 0) return null;
  if (key.rateLimitPerMin !== null) {
    const wait = await rateLimitedFor(redis, key.keyId, key.rateLimitPerMin, events);
    if (wait > 0) {
      await recordUsage(redis, key.projectId, [outcome('rate_limited', 'key_limit', events)]);
      return {
        detail: `rate limit of ${key.rateLimitPerMin} events per minute exceeded for this DSN key`,
        headers: rateLimitHeaders(wait),
      };
    }
  }
  const d = await checkQuota(redis, key.projectId, key.quota, events);
  if (d.accepted) return null;
  return { detail: quotaRefusalText(d.reason), headers: quotaHeaders(d) };
}

/** Events refused for what they are (invalid, too large) once the project is known. */
export function recordRefused(redis: Redis, projectId: number, reason: string, events = 1): Promise<void> {
  return recordUsage(redis, projectId, [outcome('refused', reason, events)]);
}
