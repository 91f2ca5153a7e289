// Names of the Redis hashes that count each project's daily outcomes until the cron moves them to PostgreSQL.
import { redisKey } from '../redis.ts';

/** Set of usage hashes changed since the last flush. */
export const USAGE_DIRTY = 'usage:dirty';
/** A hash the cron never flushed (no worker running) still goes away after the 30 days the Usage page shows. */
export const USAGE_TTL_SECONDS = 35 * 86_400;

export function usageKey(projectId: number, day: string): string {
  return redisKey(`usage:${projectId}:${day}`);
}

/** The project and day of a usage hash name, or null for anything else. */
export function parseUsageKey(key: string, prefix: string): { projectId: number; day: string } | null {
  const m = /^usage:(\d+):(\d{4}-\d{2}-\d{2})$/.exec(key.startsWith(prefix) ? key.slice(prefix.length) : '');
  return m ? { projectId: Number(m[1]), day: m[2] } : null;
}

/** Hash fields are `outcome|category|reason`. */
export function usageField(outcome: string, category: string, reason = ''): string {
  return `${outcome}|${category}|${reason}`;
}
