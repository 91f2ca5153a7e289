// API tokens for sentry-cli and scripts: `sntryu_` + random, stored as a SHA-256 hash, shown once.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db.ts';

/** Sentry's scopes that Faultline understands. */
export const SCOPES = [
  'org:read',
  'org:write',
  'project:read',
  'project:write',
  'project:admin',
  'project:releases',
  'event:read',
  'event:write',
  'event:admin',
  'team:read',
  'team:write',
  'member:read',
  'alerts:read',
  'alerts:write',
] as const;
export type Scope = (typeof SCOPES)[number];

export const DEFAULT_SCOPES: Scope[] = [
  'org:read',
  'project:read',
  'project:write',
  'project:releases',
  'event:read',
  'event:write',
  'event:admin',
  'team:read',
  'member:read',
];

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
