// The one way route handlers answer: JSON bodies and Sentry-style `{"detail": ...}` errors.

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify(data), { ...init, headers });
}

export function errorResponse(status: number, detail: string, headers?: HeadersInit): Response {
  return json({ detail }, { status, headers });
}

/** An error that carries its HTTP status; thrown inside lib and answered by the route handler. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function toErrorResponse(e: unknown, log?: (msg: string, f: Record<string, unknown>) => void): Response {
  if (e instanceof HttpError) return errorResponse(e.status, e.message, e.headers);
  log?.('unhandled error in route', { err: e });
  return errorResponse(500, 'internal error');
}
