// DSN key lookups for the ingest edge, cached in memory for a few seconds so a busy edge does not query per request,
// and served stale while the database cannot answer (Redis buffers the events until it is back).
import { config } from '../config.ts';
import { db } from '../db.ts';
import { log } from '../log.ts';
import type { QuotaSettings } from '../quotas/quota.ts';
import { quotaColumns, quotaSettings } from '../quotas/settings.ts';

export interface IngestKey {
  keyId: number;
  projectId: number;
  isActive: boolean;
  rateLimitPerMin: number | null;
  allowedDomains: string[];
  quota: QuotaSettings;
}

interface Entry {
  expires: number;
  value: Promise<IngestKey | null>;
}

// Bounded so a flood of random keys cannot grow the process; unknown keys are cached too, for the same reason.
const MAX_ENTRIES = 10_000;
const cache = new Map<string, Entry>();
/**
 * The last answer the database gave for each existing key, for stale-if-error. Only keys that exist get here, so
 * a flood of random keys cannot push real ones out; bounded all the same.
 */
const lastKnown = new Map<string, { key: IngestKey; at: number }>();
let staleServed = 0;

async function load(publicKey: string): Promise<IngestKey | null> {
  const k = await db().projectKey.findUnique({
    where: { publicKey },
    select: {
      id: true,
      projectId: true,
      isActive: true,
      rateLimitPerMin: true,
      project: { select: { allowedDomains: true, ...quotaColumns } },
    },
  });
  if (!k) return null;
  return {
    keyId: k.id,
    projectId: k.projectId,
    isActive: k.isActive,
    rateLimitPerMin: k.rateLimitPerMin,
    allowedDomains: k.project.allowedDomains,
    quota: quotaSettings(k.project),
  };
}

function remember(publicKey: string, key: IngestKey | null, now: number) {
  if (!key) {
    lastKnown.delete(publicKey);
    return;
  }
  if (lastKnown.size >= MAX_ENTRIES && !lastKnown.has(publicKey)) lastKnown.delete(lastKnown.keys().next().value!);
  lastKnown.set(publicKey, { key, at: now });
}

/**
 * A failed lookup (database down or restarting) answers with the key as last seen, if that was within
 * FAULTLINE_KEY_STALE_SECONDS: the events go to Redis and are stored once the database is back. A key never seen,
 * or seen too long ago, fails (the edge answers 503). The price: a key revoked just before the outage keeps working
 * until the database answers again.
 */
async function loadOrStale(publicKey: string, now: number): Promise<IngestKey | null> {
  try {
    const key = await load(publicKey);
    remember(publicKey, key, now);
    if (staleServed) {
      log.warn('ingest key lookups answer again; stopped serving last known keys', { staleServed });
      staleServed = 0;
    }
    return key;
  } catch (err) {
    const last = lastKnown.get(publicKey);
    if (!last || Date.now() - last.at > config().FAULTLINE_KEY_STALE_SECONDS * 1000) throw err;
    if (staleServed++ === 0)
      log.error('ingest key lookup failed; serving last known keys', { error: (err as Error).message });
    return last.key;
  }
}

/**
 * The key and its project's ingest settings, or null when no such key exists. Changes (revocation, a new
 * rate limit, allowed domains) reach the edge within FAULTLINE_KEY_CACHE_SECONDS. Concurrent lookups of one
 * key share a single query.
 */
export function findIngestKey(publicKey: string, now = Date.now()): Promise<IngestKey | null> {
  const hit = cache.get(publicKey);
  if (hit && hit.expires > now) return hit.value;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const value = loadOrStale(publicKey, now);
  const entry = { expires: now + config().FAULTLINE_KEY_CACHE_SECONDS * 1000, value };
  cache.set(publicKey, entry);
  // A failed lookup (database down) must not be remembered.
  value.catch(() => {
    if (cache.get(publicKey) === entry) cache.delete(publicKey);
  });
  return value;
}

export function clearIngestKeyCache(): void {
  cache.clear();
  lastKnown.clear();
}
