// Who may upload source maps: Sentry accepts either project:releases (CI tokens) or project:write.
import { ForbiddenError } from '../errors.ts';
import type { Scope } from '../auth/scopes.ts';

export function requireUploadScope(ctx: { requireScope(scope: Scope): void }): void {
  try {
    ctx.requireScope('project:releases');
  } catch (e) {
    if (!(e instanceof ForbiddenError)) throw e;
    ctx.requireScope('project:write');
  }
}
