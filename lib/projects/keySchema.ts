// The request shape of a key's rate limit, shared by key creation and update.
import { z } from 'zod';

/** `{window: seconds, count: events}`; null (or an empty object, as Sentry's UI sends) removes the limit. */
export const rateLimitSchema = z
  .union([
    z.null(),
    z
      .object({})
      .strict()
      .transform(() => null),
    z.object({ window: z.number().int().min(1).max(86_400), count: z.number().int().min(1).max(100_000_000) }),
  ])
  .describe('rateLimit');
