// Errors the domain throws, free of HTTP: lib/api/errors.ts answers each kind with its status and a
// Sentry-shaped `{"detail": ...}` body. Anything else thrown is unexpected and becomes a logged 500.

/** Sentry's words for anything missing or not the caller's to see (never 403, so ids cannot be probed). */
export const NOT_FOUND = 'The requested resource does not exist';

export abstract class DomainError extends Error {
  abstract readonly kind: 'not_found' | 'forbidden' | 'invalid' | 'conflict' | 'unauthenticated';
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
  constructor(message = NOT_FOUND) {
    super(message);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

/** No or bad credentials. */
export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
}

/** Bad input; the message starts with the field it is about (`slug: ...`) when there is one. */
export class InvalidError extends DomainError {
  readonly kind = 'invalid';
  constructor(field: string | null, problem: string) {
    super(field ? `${field}: ${problem}` : problem);
  }
}

/** The change collides with what exists (a slug or name already taken). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2002';
}

/** Turns a unique-constraint race (two requests creating the same slug at once) into a conflict, not a 500. */
export async function conflictOn<T>(work: Promise<T>, detail: string): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError(detail);
    throw e;
  }
}
