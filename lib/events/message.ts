// The event message: `message` (string or object), `logentry` and legacy `sentry.interfaces.Message`, formatted once.

import { MAX_MESSAGE, clean, isRecord, text, truncate, type Rec } from './clean';
import type { NormalizedEvent } from './types';

/** Params kept with a template; a log call never has more, and each one is formatted into the message. */
const MAX_PARAMS = 100;

// printf style as Python logging, sentry-cli and most SDKs use it, and `{}` / `{0}` as in .NET, Rust and slf4j.
const PLACEHOLDER = /%%|%[-+ 0#]*\d*(?:\.(\d+))?([sdifr])|\{(\d*)\}/g;

function paramText(p: unknown): string {
  if (typeof p === 'string') return p;
  return text(p) ?? String(p);
}

function convert(p: unknown, conv: string, precision: string | undefined): string {
  const n = typeof p === 'number' ? p : typeof p === 'string' ? Number(p) : NaN;
  if ((conv === 'd' || conv === 'i') && Number.isFinite(n)) return String(Math.trunc(n));
  if (conv === 'f' && Number.isFinite(n))
    return n.toFixed(precision === undefined ? 6 : Math.min(Number(precision), 20));
  return paramText(p);
}

/** Fills a template's placeholders from params; placeholders without a param stay as written. */
export function formatMessage(template: string, params: unknown[]): string {
  if (params.length === 0) return template;
  let next = 0;
  return template.replace(
    PLACEHOLDER,
    (m, precision: string | undefined, conv: string | undefined, index: string | undefined) => {
      if (m === '%%') return '%';
      if (conv !== undefined) return next < params.length ? convert(params[next++], conv, precision) : m;
      const i = index === '' || index === undefined ? next++ : Number(index);
      return i < params.length ? paramText(params[i]) : m;
    },
  );
}

type MessageFields = Pick<NormalizedEvent, 'message' | 'logentry'>;

/**
 * `message` as the formatted text, plus `logentry` (template and params) when the SDK sent one.
 * A `logentry` wins over `message`, as in Sentry, where `message` is only a legacy alias of it.
 */
export function normalizeMessage(raw: Rec): MessageFields {
  const source = [raw.logentry, raw['sentry.interfaces.Message'], raw.message].find(isRecord);
  const plain = typeof raw.message === 'string' || typeof raw.message === 'number' ? String(raw.message) : undefined;
  if (!source) {
    const message = plain?.trim() ? truncate(plain, MAX_MESSAGE) : undefined;
    return message === undefined ? {} : { message };
  }
  const template =
    typeof source.message === 'string' && source.message !== '' ? truncate(source.message, MAX_MESSAGE) : undefined;
  const params = Array.isArray(source.params)
    ? source.params.slice(0, MAX_PARAMS).map((p) => clean(p, 1) ?? null)
    : undefined;
  let formatted = text(source.formatted, MAX_MESSAGE) || undefined;
  if (formatted === undefined && template !== undefined)
    formatted = truncate(formatMessage(template, params ?? []), MAX_MESSAGE);
  if (formatted === undefined && plain?.trim()) formatted = truncate(plain, MAX_MESSAGE);

  const logentry: NonNullable<NormalizedEvent['logentry']> = {};
  if (template !== undefined) logentry.message = template;
  if (params !== undefined) logentry.params = params;
  if (formatted !== undefined) logentry.formatted = formatted;
  const out: MessageFields = {};
  if (formatted !== undefined) out.message = formatted;
  if (Object.keys(logentry).length > 0) out.logentry = logentry;
  return out;
}
