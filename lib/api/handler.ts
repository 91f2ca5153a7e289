// Request parsing shared by every /api/0 route: body and query through zod; failures name the field (400).
import { z } from 'zod';
import { InvalidError } from '../errors.ts';

export async function parseBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    const text = await req.text();
    raw = text ? JSON.parse(text) : {};
  } catch {
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
