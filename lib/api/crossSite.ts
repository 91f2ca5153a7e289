// Cross-site request forgery: a write that a browser's session cookie authenticates must come from Faultline's own
// pages. SameSite=Lax is not enough: another port on the same host, or a sibling subdomain, is the same "site".
import { config } from '../config.ts';
import { ForbiddenError } from '../errors.ts';
import { HttpError } from './respond.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(v: string | null): string | null {
  if (!v) return null;
  try {
    return new URL(v).origin;
  } catch {
    return null;
  }
}

/**
 * For a cookie-authenticated write: throws 403 unless the browser says it comes from this origin (`Origin`, or
 * `Referer` when there is no Origin, equal to FAULTLINE_URL's origin; or `Sec-Fetch-Site: same-origin`, which
 * pages cannot forge), and 415 for a body that is not JSON (an HTML form or a "simple" fetch cannot send JSON
 * without a CORS preflight, which Faultline never grants).
 */
export function requireSameOriginWrite(req: Request, publicOrigin = new URL(config().url).origin): void {
  if (SAFE_METHODS.has(req.method)) return;
  const h = req.headers;
  const claimed = originOf(h.get('origin') ?? h.get('referer'));
  if (h.get('sec-fetch-site') !== 'same-origin' && claimed !== publicOrigin)
    throw new ForbiddenError(
      `Cross-site request refused: a signed-in write must come from ${publicOrigin} (Origin or Referer), or use an ` +
        'API token.',
    );
  const type = h.get('content-type');
  const hasBody = Number(h.get('content-length') ?? 0) > 0 || h.has('transfer-encoding');
  if (type ? !/^application\/json\s*(;|$)/i.test(type) : hasBody)
    throw new HttpError(415, 'A request body must be application/json.');
}
