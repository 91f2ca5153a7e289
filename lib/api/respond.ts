// The one way route handlers answer: JSON bodies, and Sentry-style `{"detail": ...}` errors from one mapping.
import { ZodError } from 'zod';
import { DomainError } from '../errors.ts';

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify(data), { ...init, headers });
}

export function errorResponse(status: number, detail: string, headers?: HeadersInit): Response {
  return json({ detail }, { status, headers });
}

/**
 * An answer that only makes sense over HTTP (415, 413 with `connection: close`, 429 with `Retry-After`, 503):
 * thrown by the SDK ingest edge and by request parsing, never by domain code.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

const STATUS: Record<DomainError['kind'], number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

/** `path: message; ...` for each zod issue, so a bad request names its field. */
export function describeZodError(error: ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  detail: string;
}

/**
 * The one mapping from a thrown value to an answer: domain errors and zod errors by kind, HttpError as it says,
 * anything else is unexpected: handed to `unexpected` (which logs it once, with context) and answered 500.
 */
export function errorAnswer(e: unknown, unexpected: (e: unknown) => void): ErrorAnswer {
  if (e instanceof DomainError) return { status: STATUS[e.kind], headers: {}, detail: e.message };
  if (e instanceof ZodError) return { status: 400, headers: {}, detail: describeZodError(e) };
  if (e instanceof HttpError) return { status: e.status, headers: e.headers ?? {}, detail: e.message };
  unexpected(e);
  return { status: 500, headers: {}, detail: 'internal error' };
}

export function toErrorResponse(e: unknown, log: (msg: string, f: Record<string, unknown>) => void): Response {
  const a = errorAnswer(e, (err) => log('unhandled error in route', { err }));
  return errorResponse(a.status, a.detail, a.headers);
}
