// API tokens for sentry-cli and scripts: `sntryu_` + random, stored as a SHA-256 hash, shown once.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db.ts';

// The scope names live in scopes.ts (no node: imports, so client components can list them).
export { SCOPES, DEFAULT_SCOPES, type Scope } from './scopes.ts';
import { DEFAULT_SCOPES, SCOPES, type Scope } from './scopes.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function unknownScopes(scopes: string[]): string[] {
  return scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
}

export async function createApiToken(
  db: Db,
  userId: number,
  opts: { name?: string; scopes?: Scope[] } = {},
): Promise<{ token: string; id: number }> {
  const token = 'sntryu_' + randomBytes(32).toString('hex');
  const row = await db.apiToken.create({
    data: {
      userId,
      name: opts.name ?? '',
      tokenHash: hashToken(token),
      tokenHint: token.slice(-4),
      scopes: opts.scopes ?? DEFAULT_SCOPES,
    },
  });
  return { token, id: row.id };
}

/** The user's tokens as the settings page lists them (hint only; the token itself was shown once). */
export async function listApiTokens(db: Db, userId: number) {
  return db.apiToken.findMany({
    where: { userId },
    orderBy: { id: 'desc' },
    // A person holds a handful of tokens; the cap only bounds a pathological case.
    take: 500,
    select: { id: true, name: true, tokenHint: true, scopes: true, lastUsedAt: true, expiresAt: true, createdAt: true },
  });
}

/** Deletes one of the user's own tokens; false when it does not exist or belongs to someone else. */
export async function revokeApiToken(db: Db, userId: number, tokenId: number): Promise<boolean> {
  const r = await db.apiToken.deleteMany({ where: { id: tokenId, userId } });
  return r.count > 0;
}
