// The signed-in user's own API tokens (Sentry's /api/0/api-tokens/): list, create (token shown once), revoke.
import { z } from 'zod';
import { otherMethods, parseBody, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { createApiToken, listApiTokens, revokeApiToken, SCOPES, DEFAULT_SCOPES } from '@/lib/auth/apiTokens';
import { db } from '@/lib/db';
import { InvalidError, NotFoundError } from '@/lib/errors';

const serialize = (t: Awaited<ReturnType<typeof listApiTokens>>[number]) => ({
  id: String(t.id),
  name: t.name,
  scopes: t.scopes,
  tokenLastCharacters: t.tokenHint,
  dateCreated: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  expiresAt: t.expiresAt,
});

export const GET = withAccess({ session: true }, async ({ principal }) => {
  return json((await listApiTokens(db(), principal.user.id)).map(serialize));
});

const createSchema = z.object({
  name: z.string().trim().max(100).default(''),
  scopes: z.array(z.enum(SCOPES)).min(1, 'choose at least one scope').default(DEFAULT_SCOPES),
});

export const POST = withAccess({ session: true }, async ({ req, principal }) => {
  const body = await parseBody(req, createSchema);
  const { token, id } = await createApiToken(db(), principal.user.id, {
    name: body.name,
    scopes: [...new Set(body.scopes)],
  });
  return json({ id: String(id), token, name: body.name, scopes: [...new Set(body.scopes)] }, { status: 201 });
});

// Sentry's client sends `{"tokenId": ...}` in the body; `?tokenId=` works too.
const deleteQuery = z.object({
  tokenId: z
    .string()
    .regex(/^\d{1,12}$/, 'tokenId must be a number')
    .optional(),
});
const deleteBody = z.object({
  tokenId: z.union([z.number().int().positive(), z.string().regex(/^\d{1,12}$/)]).optional(),
});

export const DELETE = withAccess({ session: true }, async ({ req, principal }) => {
  const tokenId = parseQuery(req, deleteQuery).tokenId ?? (await parseBody(req, deleteBody)).tokenId;
  if (tokenId === undefined) throw new InvalidError('tokenId', 'required');
  if (!(await revokeApiToken(db(), principal.user.id, Number(tokenId)))) throw new NotFoundError();
  return new Response(null, { status: 204 });
});

export const { PUT, PATCH } = otherMethods('GET', 'POST', 'DELETE');
