// Project and org quotas with spike protection, decided at the ingest edge by one Redis script: constant time,
// no database query (the limits travel with the cached DSN key).
import type { Redis } from 'ioredis';
import { redisKey } from '../redis.ts';
import { usageKey, USAGE_DIRTY, USAGE_TTL_SECONDS } from './usageKeys.ts';

/** The limits that apply to one project's events; 0 means "no limit" throughout. */
export interface QuotaSettings {
  orgId: number;
  perMinute: number;
  perDay: number;
  orgPerMinute: number;
  /** Spike protection: refuse a minute that goes past `spikeFactor` × the project's usual per-minute rate. */
  spikeFactor: number;
  /** The usual rate is never taken as lower than this, so a quiet project's first burst is not a "spike". */
  spikeFloorPerMinute: number;
}

export type QuotaReason = 'project_day' | 'project_minute' | 'org_minute' | 'spike_protection';

export type QuotaDecision =
  { accepted: true } | { accepted: false; retryAfter: number; reason: QuotaReason; scope: 'project' | 'organization' };

/**
 * Sentry's data categories an event item counts against (Relay: error events are `error`, plain messages
 * `default`, CSP reports `security`). Announcing all three keeps an SDK from retrying the same quota under a
 * different category.
 */
export const EVENT_CATEGORIES = 'error;default;security';

// Weight of the last finished minute in the usual-rate average (an exponential moving average over ~1 hour).
const SPIKE_ALPHA = 1 / 60;

// Check every limit, then count: refused events do not use up the quota (a client that backs off gets its events
// in once the window turns). Every outcome is counted in the day's usage hash, which the cron moves to PostgreSQL.
const SCRIPT = `
local n = tonumber(ARGV[1])
local perMin, perDay, orgPerMin = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local factor, floor = tonumber(ARGV[5]), tonumber(ARGV[6])
local minute = tonumber(ARGV[7])
local toMinuteEnd, toDayEnd = tonumber(ARGV[8]), tonumber(ARGV[9])
local alpha = tonumber(ARGV[10])
local refusal = nil
if perDay > 0 and tonumber(redis.call('GET', KEYS[2]) or '0') + n > perDay then
  refusal = {toDayEnd, 'project_day'}
elseif perMin > 0 and tonumber(redis.call('GET', KEYS[1]) or '0') + n > perMin then
  refusal = {toMinuteEnd, 'project_minute'}
elseif orgPerMin > 0 and tonumber(redis.call('GET', KEYS[3]) or '0') + n > orgPerMin then
  refusal = {toMinuteEnd, 'org_minute'}
end
if factor > 0 then
  local s = redis.call('HMGET', KEYS[4], 'win', 'cnt', 'avg')
  local win, cnt, avg = tonumber(s[1]) or minute, tonumber(s[2]) or 0, tonumber(s[3]) or 0
  if win ~= minute then
    avg = avg + alpha * (cnt - avg)
    local idle = math.min(minute - win - 1, 10000)
    if idle > 0 then avg = avg * (1 - alpha) ^ idle end
    cnt = 0
  end
  if refusal == nil and cnt + n > factor * math.max(floor, avg) then refusal = {toMinuteEnd, 'spike_protection'} end
  if refusal == nil then cnt = cnt + n end
  redis.call('HSET', KEYS[4], 'win', minute, 'cnt', cnt, 'avg', tostring(avg))
  redis.call('EXPIRE', KEYS[4], 604800)
end
if refusal == nil then
  redis.call('INCRBY', KEYS[1], n) redis.call('EXPIRE', KEYS[1], 120)
  redis.call('INCRBY', KEYS[2], n) redis.call('EXPIRE', KEYS[2], 172800)
  redis.call('INCRBY', KEYS[3], n) redis.call('EXPIRE', KEYS[3], 120)
  redis.call('HINCRBY', KEYS[5], 'accepted|error|', n)
else
  redis.call('HINCRBY', KEYS[5], 'rate_limited|error|' .. refusal[2], n)
end
redis.call('EXPIRE', KEYS[5], tonumber(ARGV[11]))
redis.call('SADD', KEYS[6], KEYS[5])
if refusal == nil then return {0, ''} end
return refusal
`;

type QuotaRedis = Redis & {
  faultlineQuota(...args: (string | number)[]): Promise<[number, string]>;
};

function withScript(redis: Redis): QuotaRedis {
  if (!('faultlineQuota' in redis)) redis.defineCommand('faultlineQuota', { numberOfKeys: 6, lua: SCRIPT });
  return redis as QuotaRedis;
}

/** Counts `events` error events of a project against its quotas; on refusal says for how long and why. */
export async function checkQuota(
  redis: Redis,
  projectId: number,
  q: QuotaSettings,
  events: number,
  now = Date.now(),
): Promise<QuotaDecision> {
  const minute = Math.floor(now / 60_000);
  const day = new Date(now).toISOString().slice(0, 10);
  const toMinuteEnd = Math.max(1, Math.ceil(((minute + 1) * 60_000 - now) / 1000));
  const toDayEnd = Math.max(1, Math.ceil((Date.parse(`${day}T00:00:00Z`) + 86_400_000 - now) / 1000));
  const [retryAfter, reason] = await withScript(redis).faultlineQuota(
    redisKey(`quota:p:${projectId}:m:${minute}`),
    redisKey(`quota:p:${projectId}:d:${day}`),
    redisKey(`quota:o:${q.orgId}:m:${minute}`),
    redisKey(`quota:p:${projectId}:spike`),
    usageKey(projectId, day),
    redisKey(USAGE_DIRTY),
    events,
    q.perMinute,
    q.perDay,
    q.orgPerMinute,
    q.spikeFactor,
    q.spikeFloorPerMinute,
    minute,
    toMinuteEnd,
    toDayEnd,
    SPIKE_ALPHA,
    USAGE_TTL_SECONDS,
  );
  if (Number(retryAfter) === 0) return { accepted: true };
  const r = reason as QuotaReason;
  return {
    accepted: false,
    retryAfter: Number(retryAfter),
    reason: r,
    scope: r === 'org_minute' ? 'organization' : 'project',
  };
}

/** The answer headers Sentry SDKs read: `<seconds>:<categories>:<scope>:<reason>` (Relay's format). */
export function quotaHeaders(d: Extract<QuotaDecision, { accepted: false }>): Record<string, string> {
  return {
    'retry-after': String(d.retryAfter),
    'x-sentry-rate-limits': `${d.retryAfter}:${EVENT_CATEGORIES}:${d.scope}:${d.reason}`,
  };
}

const REFUSAL_TEXT: Record<QuotaReason, string> = {
  project_day: "the project's daily event quota is used up",
  project_minute: "the project's per-minute event quota is used up",
  org_minute: "the organization's per-minute event quota is used up",
  spike_protection: 'spike protection: the project is sending far more events than usual',
};

export function quotaRefusalText(reason: QuotaReason): string {
  return REFUSAL_TEXT[reason];
}
