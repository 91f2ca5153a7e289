// Event ids as Faultline stores and returns them: 32 lowercase hex characters.
import { randomUUID } from 'node:crypto';

const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLAIN = /^[0-9a-f]{32}$/i;

/** The normalized id, or null when the value is not a UUID (sentry-cli sends dashed ids, SDKs plain hex). */
export function normalizeEventId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (PLAIN.test(v)) return v.toLowerCase();
  if (DASHED.test(v)) return v.replaceAll('-', '').toLowerCase();
  return null;
}

export function newEventId(): string {
  return randomUUID().replaceAll('-', '');
}
