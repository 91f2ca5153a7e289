// Project (DSN) keys: creation and the key material.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db.ts';

export function newKeyMaterial() {
  return { publicKey: randomBytes(16).toString('hex'), secretKey: randomBytes(16).toString('hex') };
}

export async function createProjectKey(db: Pick<Db, 'projectKey'>, projectId: number, label = 'Default') {
  return db.projectKey.create({ data: { projectId, label, ...newKeyMaterial() } });
}

/** A project's keys, oldest first, a page at a time. */
export function listProjectKeys(
  db: Db,
  projectId: number,
  offset: number,
  take: number,
  status?: 'active' | 'inactive',
) {
  return db.projectKey.findMany({
    where: { projectId, ...(status ? { isActive: status === 'active' } : {}) },
    orderBy: { id: 'asc' },
    skip: offset,
    take,
  });
}

/** Sentry addresses a key by its public key; another project's key is "not found". */
export function findProjectKey(db: Db, projectId: number, publicKey: string) {
  return db.projectKey.findFirst({ where: { projectId, publicKey } });
}

/**
 * Sentry's rate limit is `count` events per `window` seconds; Faultline's ingest limit is per minute, so other
 * windows are converted to the equivalent per-minute count (rounded up, at least 1).
 */
export function perMinute(limit: { window: number; count: number } | null): number | null {
  if (!limit) return null;
  return Math.max(1, Math.ceil((limit.count * 60) / limit.window));
}

export async function updateProjectKey(
  db: Db,
  keyId: number,
  changes: { label?: string; isActive?: boolean; rateLimit?: { window: number; count: number } | null },
) {
  return db.projectKey.update({
    where: { id: keyId },
    data: {
      ...(changes.label !== undefined ? { label: changes.label } : {}),
      ...(changes.isActive !== undefined ? { isActive: changes.isActive } : {}),
      ...(changes.rateLimit !== undefined ? { rateLimitPerMin: perMinute(changes.rateLimit) } : {}),
    },
  });
}

export async function deleteProjectKey(db: Db, keyId: number) {
  await db.projectKey.delete({ where: { id: keyId } });
}
