// Request parsing shared by every /api/0 route: body and query through zod; failures name the field (400).
import { z } from 'zod';
import { InvalidError } from '../errors.ts';
import { errorResponse } from './respond.ts';

class NulInBody extends Error {}

/** PostgreSQL text cannot hold NUL: a `\u0000` anywhere in a body would fail its query rather than be refused. */
function noNul(key: string, value: unknown) {
  if (key.includes('\0') || (typeof value === 'string' && value.includes('\0'))) throw new NulInBody();
  return value;
}

export async function parseBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    const text = await req.text();
    raw = text ? JSON.parse(text, noNul) : {};
  } catch (e) {
    if (e instanceof NulInBody) throw new InvalidError(null, 'request body must not contain NUL characters');
    throw new InvalidError(null, 'request body is not valid JSON');
  }
  return schema.parse(raw);
}

/** Query parameters; repeated keys (`?id=1&id=2`) become arrays. */
export function parseQuery<T extends z.ZodType>(req: Request, schema: T): z.infer<T> {
  const params = new URL(req.url).searchParams;
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  return schema.parse(raw);
}

/**
 * The same handler under every method name a route file exports, for routes that answer all methods
 * themselves (a JSON 405 or 404 rather than Next's empty answer): `export const { GET, POST, ... } = everyMethod(h)`.
 */
export function everyMethod<H>(handler: H) {
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler, OPTIONS: handler };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A JSON 405 (with `Allow`) for the methods a route does not serve, which Next.js answers with an empty 405:
 * `export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST')`. sentry-cli prints a `detail`, not a status.
 */
export function otherMethods(...allowed: Method[]): Record<Method, () => Promise<Response>> {
  const list = allowed.join(', ');
  const answer = async () => errorResponse(405, `Method not allowed here (allowed: ${list})`, { allow: list });
  return { GET: answer, POST: answer, PUT: answer, PATCH: answer, DELETE: answer };
}
