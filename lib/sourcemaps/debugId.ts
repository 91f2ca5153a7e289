// Debug IDs as sentry-cli writes them and SDKs send them, reduced to one canonical lower-case dashed UUID.

const HEX32 = /^[0-9a-f]{32}$/;

/**
 * `C67DCC76-9010-...`, `{c67dcc76-...}`, 32 bare hex digits and Sentry's appendix form (`...-1`, meaningful for
 * native files only) all become `c67dcc76-9010-5534-8cdf-9157cfe2c624`; anything else is null.
 */
export function normalizeDebugId(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  let s = raw.trim().toLowerCase().replace(/^\{/, '').replace(/\}$/, '');
  const dashed = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})(?:-[0-9a-f]+)?$/.exec(s);
  if (dashed) s = dashed.slice(1, 6).join('');
  if (!HEX32.test(s)) return null;
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
