// The SDKs' client reports (`client_report` envelope items): what an SDK dropped before sending, and why.
import { usageField } from './usageKeys.ts';

export interface DiscardCount {
  category: string;
  reason: string;
  quantity: number;
}

// Names come from the SDK, so they are bounded before they become Redis fields and table rows.
const NAME = /^[a-z0-9_.-]{1,64}$/;
const MAX_ENTRIES = 50;

/** The discarded counts of one client report payload; anything malformed is skipped, never an error. */
export function parseClientReport(payload: Buffer | string): DiscardCount[] {
  let v: unknown;
  try {
    v = JSON.parse(payload.toString());
  } catch {
    return [];
  }
  const list = (v as { discarded_events?: unknown } | null)?.discarded_events;
  if (!Array.isArray(list)) return [];
  const out: DiscardCount[] = [];
  for (const e of list.slice(0, MAX_ENTRIES)) {
    const { category, reason, quantity } = (e ?? {}) as Record<string, unknown>;
    if (typeof category !== 'string' || typeof reason !== 'string' || !NAME.test(category) || !NAME.test(reason))
      continue;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity <= 0 || quantity > 1e9) continue;
    out.push({ category, reason, quantity });
  }
  return out;
}

export function discardFields(counts: DiscardCount[]): [string, number][] {
  return counts.map((c) => [usageField('client_discard', c.category, c.reason), c.quantity]);
}
