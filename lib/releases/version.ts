// Release version names, as Sentry accepts them, and the short form lists show.
import { z } from 'zod';

/** Sentry's rule: no slashes or control whitespace, not `.`, `..` or `latest`, at most 200 characters. */
export const VERSION_RE = /^(?!\.$)(?!\.\.$)(?!latest$)[^\t\n\f\r/\\]+$/;

export const versionSchema = z
  .string()
  .max(200, 'must be at most 200 characters')
  .refine((v) => v.trim() === v && v.length > 0, 'must not be empty or start or end with spaces')
  .refine((v) => VERSION_RE.test(v), 'must not contain slashes, tabs or newlines, nor be ".", ".." or "latest"');

/** `package@1.2.3+build` → `1.2.3+build`; a 40-character commit sha → its first 12 characters. */
export function shortVersion(version: string): string {
  const at = version.indexOf('@');
  const v = at > 0 && at < version.length - 1 ? version.slice(at + 1) : version;
  return /^[0-9a-f]{40}$/i.test(v) ? v.slice(0, 12) : v;
}
