// Event → grouping components → issue hash, following Sentry's variants: fingerprint, stack trace, exception, message.

import { createHash } from 'node:crypto';
import type { GroupingResult, NormalizedEvent } from '@/lib/events/types';
import { frameComponent, groupingStacks, hasInAppFrame, type GroupingStack } from './frames';
import { parametrize } from './parametrize';

/** Stored with every issue hash; bump it when a change here would split or merge existing issues. */
export const GROUPING_VERSION = 'v1';

interface Variant {
  variant: string;
  components: string[];
}

const DEFAULT_MARKER = /^\{\{\s*default\s*\}\}$/i;

// NUL cannot come from a frame or type name and is vanishingly rare in messages, so ["a b", "c"] and
// ["a", "b c"] do not collide the way they would with a space.
export function hashComponents(components: string[]): string {
  return createHash('md5').update(components.join('\u0000'), 'utf8').digest('hex');
}

// Without a type, the message is what tells two errors apart; the JS SDK's captureMessage with
// attachStacktrace sends a typeless "synthetic" exception, and two different messages logged from the same
// function must not become one issue.
function identity(stack: GroupingStack, ev: NormalizedEvent): string | undefined {
  const type = stack.exception?.type?.trim();
  if (type) return type;
  const text = stack.exception ? stack.exception.value : (ev.logentry?.message ?? ev.message);
  return text?.trim() ? parametrize(text.trim()) : undefined;
}

function stacktraceVariant(ev: NormalizedEvent, stacks: GroupingStack[]): Variant | undefined {
  const inAppOnly = hasInAppFrame(ev);
  const components: string[] = [];
  let frames = 0;
  for (const stack of stacks) {
    for (const frame of stack.frames) {
      if (inAppOnly && frame.in_app !== true) continue;
      const c = frameComponent(frame);
      if (c === undefined) continue;
      components.push(c);
      frames += 1;
    }
    const id = identity(stack, ev);
    if (id !== undefined) components.push(id);
  }
  return frames > 0 ? { variant: 'stacktrace', components } : undefined;
}

function exceptionVariant(ev: NormalizedEvent): Variant | undefined {
  const components = (ev.exception?.values ?? []).flatMap((v) => {
    const value = v.value?.trim() ? parametrize(v.value.trim()) : undefined;
    return [v.type?.trim(), value].filter((c): c is string => !!c);
  });
  return components.length > 0 ? { variant: 'exception', components } : undefined;
}

function messageVariant(ev: NormalizedEvent): Variant | undefined {
  // Parametrizing the template as well merges templates that differ only by a literal number,
  // which is what Sentry does too.
  const text = (ev.logentry?.message ?? ev.message ?? ev.logentry?.formatted)?.trim();
  return text ? { variant: 'message', components: [parametrize(text)] } : undefined;
}

/** The grouping Sentry calls "default": what `{{ default }}` in a fingerprint stands for. */
export function defaultVariant(ev: NormalizedEvent): Variant {
  return (
    stacktraceVariant(ev, groupingStacks(ev)) ??
    exceptionVariant(ev) ??
    messageVariant(ev) ?? { variant: 'fallback', components: ['<no message>'] }
  );
}

// The other fingerprint variables Sentry documents that make sense without server-side rules.
function fingerprintVariable(part: string, ev: NormalizedEvent): string {
  const m = /^\{\{\s*([\w.]+)\s*\}\}$/.exec(part);
  const values = ev.exception?.values ?? [];
  switch (m?.[1].toLowerCase()) {
    case 'transaction':
      return ev.transaction ?? '<no-transaction>';
    case 'type':
    case 'error.type':
      return values[values.length - 1]?.type ?? '<no-type>';
    case 'level':
      return ev.level;
    default:
      return part;
  }
}

export function groupEvent(ev: NormalizedEvent): GroupingResult {
  const base = defaultVariant(ev);
  const fingerprint = ev.fingerprint ?? [];
  // ["{{ default }}"] alone is what several SDKs send on every event: it must not change the hash.
  const custom = fingerprint.length > 0 && !fingerprint.every((p) => DEFAULT_MARKER.test(p.trim()));
  const { variant, components } = custom
    ? {
        variant: 'fingerprint',
        components: fingerprint.flatMap((p) =>
          DEFAULT_MARKER.test(p.trim()) ? base.components : [fingerprintVariable(p.trim(), ev)],
        ),
      }
    : base;
  return { hash: hashComponents(components), variant, components, groupingVersion: GROUPING_VERSION };
}
