// Route-handler plumbing shared by every /api/0 route: parse input with zod, turn HttpErrors into JSON.
import { z } from 'zod';
import { HttpError, toErrorResponse } from './respond.ts';
import { log } from '../log.ts';

type Ctx<P> = { params: Promise<P> };

/** Wraps a handler so thrown HttpErrors become `{"detail"}` responses and anything else a logged 500. */
export function route<P = Record<string, string>>(fn: (req: Request, params: P) => Promise<Response>) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      return await fn(req, await ctx.params);
    } catch (e) {
      return toErrorResponse(e, log.error);
    }
  };
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

export async function parseBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    const text = await req.text();
    raw = text ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new HttpError(400, describe(r.error));
  return r.data;
}

/** Query parameters; repeated keys (`?id=1&id=2`) become arrays. */
export function parseQuery<T extends z.ZodType>(req: Request, schema: T): z.infer<T> {
  const params = new URL(req.url).searchParams;
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new HttpError(400, describe(r.error));
  return r.data;
}

/**
 * The same handler under every method name a route file exports, for routes that answer all methods
 * themselves (a JSON 405 or 404 rather than Next's empty answer): `export const { GET, POST, ... } = everyMethod(h)`.
 */
export function everyMethod<H>(handler: H) {
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler, OPTIONS: handler };
}
