// The signed-in user's own API tokens (Sentry's /api/0/api-tokens/): list, create (token shown once), revoke.
import { z } from 'zod';
import { route, parseBody, parseQuery } from '@/lib/api/handler';
import { json, HttpError } from '@/lib/api/respond';
import { requirePrincipal, requireSession } from '@/lib/auth/access';
import { createApiToken, listApiTokens, revokeApiToken, SCOPES, DEFAULT_SCOPES } from '@/lib/auth/apiTokens';
import { db } from '@/lib/db';

const serialize = (t: Awaited<ReturnType<typeof listApiTokens>>[number]) => ({
  id: String(t.id),
  name: t.name,
  scopes: t.scopes,
  tokenLastCharacters: t.tokenHint,
  dateCreated: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  expiresAt: t.expiresAt,
});

export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  requireSession(p);
  return json((await listApiTokens(db(), p.user.id)).map(serialize));
});

const createSchema = z.object({
  name: z.string().trim().max(100).default(''),
  scopes: z.array(z.enum(SCOPES)).min(1, 'choose at least one scope').default(DEFAULT_SCOPES),
});

export const POST = route(async (req) => {
  const p = await requirePrincipal(req);
  requireSession(p);
  const body = await parseBody(req, createSchema);
  const { token, id } = await createApiToken(db(), p.user.id, { name: body.name, scopes: [...new Set(body.scopes)] });
  return json({ id: String(id), token, name: body.name, scopes: [...new Set(body.scopes)] }, { status: 201 });
});

// Sentry's client sends `{"tokenId": ...}` in the body; `?tokenId=` works too.
const deleteQuery = z.object({ tokenId: z.string().regex(/^\d{1,12}$/, 'tokenId must be a number').optional() });
const deleteBody = z.object({ tokenId: z.union([z.number().int().positive(), z.string().regex(/^\d{1,12}$/)]).optional() });

export const DELETE = route(async (req) => {
  const p = await requirePrincipal(req);
  requireSession(p);
  const tokenId = parseQuery(req, deleteQuery).tokenId ?? (await parseBody(req, deleteBody)).tokenId;
  if (tokenId === undefined) throw new HttpError(400, 'tokenId: required');
  if (!(await revokeApiToken(db(), p.user.id, Number(tokenId)))) throw new HttpError(404, 'The requested resource does not exist');
  return new Response(null, { status: 204 });
});
