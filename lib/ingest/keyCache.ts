// DSN key lookups for the ingest edge, cached in memory for a few seconds so a busy edge does not query per request.
import { config } from '../config.ts';
import { db } from '../db.ts';

export interface IngestKey {
  keyId: number;
  projectId: number;
  isActive: boolean;
  rateLimitPerMin: number | null;
  allowedDomains: string[];
}

interface Entry {
  expires: number;
  value: Promise<IngestKey | null>;
}

// Bounded so a flood of random keys cannot grow the process; unknown keys are cached too, for the same reason.
const MAX_ENTRIES = 10_000;
const cache = new Map<string, Entry>();

async function load(publicKey: string): Promise<IngestKey | null> {
  const k = await db().projectKey.findUnique({
    where: { publicKey },
    select: {
      id: true,
      projectId: true,
      isActive: true,
      rateLimitPerMin: true,
      project: { select: { allowedDomains: true } },
    },
  });
  if (!k) return null;
  return {
    keyId: k.id,
    projectId: k.projectId,
    isActive: k.isActive,
    rateLimitPerMin: k.rateLimitPerMin,
    allowedDomains: k.project.allowedDomains,
  };
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
  const value = load(publicKey);
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
}
