// Project (DSN) keys: creation and the key material.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db.ts';

export function newKeyMaterial() {
  return { publicKey: randomBytes(16).toString('hex'), secretKey: randomBytes(16).toString('hex') };
}

export async function createProjectKey(db: Db, projectId: number, label = 'Default') {
  return db.projectKey.create({ data: { projectId, label, ...newKeyMaterial() } });
}
