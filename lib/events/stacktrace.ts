// Exceptions, threads and their stack frames, in every shape SDKs send them (current and legacy).

import {
  MAX_STRING,
  bool,
  cleanRecord,
  compact,
  int,
  isRecord,
  keepEnds,
  list,
  name,
  text,
  truncate,
  type Rec,
} from './clean';
import type { ExceptionValue, Frame, NormalizedEvent } from './types';

/** Sentry keeps at most 250 frames per stack trace, dropping from the middle. */
export const MAX_FRAMES = 250;
// Minified bundles put a whole file on one line; a context line beyond this is noise, and there can be 250×11 of them.
const MAX_CONTEXT_LINE = 1024;
const MAX_CONTEXT_LINES = 20;
const MAX_NAME = 1024;

type Threads = NonNullable<NormalizedEvent['threads']>;
type Thread = Threads['values'][number];

function contextLines(v: unknown, fromEnd: boolean): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const lines = fromEnd ? v.slice(-MAX_CONTEXT_LINES) : v.slice(0, MAX_CONTEXT_LINES);
  return lines.map((l) => (typeof l === 'string' ? truncate(l, MAX_CONTEXT_LINE) : (text(l, MAX_CONTEXT_LINE) ?? '')));
}

export function normalizeFrame(v: unknown): Frame | undefined {
  if (!isRecord(v)) return undefined;
  const frame: Frame = compact({
    filename: name(v.filename, MAX_NAME),
    abs_path: name(v.abs_path, MAX_NAME),
    module: name(v.module, MAX_NAME),
    function: name(v.function, MAX_NAME),
    raw_function: name(v.raw_function, MAX_NAME),
    symbol: name(v.symbol, MAX_NAME),
    package: name(v.package, MAX_NAME),
    platform: name(v.platform, 64),
    instruction_addr: name(v.instruction_addr, 64),
    lineno: int(v.lineno),
    colno: int(v.colno),
    in_app: bool(v.in_app),
    context_line: typeof v.context_line === 'string' ? truncate(v.context_line, MAX_CONTEXT_LINE) : undefined,
    pre_context: contextLines(v.pre_context, true),
    post_context: contextLines(v.post_context, false),
    vars: cleanRecord(v.vars, 1),
  });
  return Object.keys(frame).length > 0 ? frame : undefined;
}

/** `{frames: [...]}` or a bare frame list; undefined when no frame survives. */
export function normalizeStacktrace(v: unknown): { frames: Frame[] } | undefined {
  const raw = Array.isArray(v) ? v : isRecord(v) && Array.isArray(v.frames) ? v.frames : [];
  const frames = keepEnds(
    raw.map(normalizeFrame).filter((f): f is Frame => f !== undefined),
    MAX_FRAMES,
  );
  return frames.length > 0 ? { frames } : undefined;
}

function normalizeMechanism(v: unknown): ExceptionValue['mechanism'] {
  const m = cleanRecord(v, 1);
  if (!m) return undefined;
  return compact({ ...m, type: name(m.type, 64), handled: bool(m.handled) });
}

function normalizeExceptionValue(v: unknown): ExceptionValue | undefined {
  if (!isRecord(v)) return undefined;
  const stacktrace = normalizeStacktrace(v.stacktrace ?? v.frames);
  const threadId = typeof v.thread_id === 'number' ? v.thread_id : name(v.thread_id, 64);
  const value: ExceptionValue = compact({
    type: name(v.type, MAX_NAME),
    value: text(v.value, MAX_STRING),
    module: name(v.module, MAX_NAME),
    mechanism: normalizeMechanism(v.mechanism),
    stacktrace,
    thread_id: threadId,
  });
  return value.type || value.value || value.stacktrace ? value : undefined;
}

/** `exception` as `{values}`, a bare list or (legacy) a single exception object. */
export function normalizeExceptions(v: unknown): NormalizedEvent['exception'] {
  const raw =
    isRecord(v) && !Array.isArray(v.values) && (v.type !== undefined || v.value !== undefined) ? [v] : list(v);
  const values = raw.map(normalizeExceptionValue).filter((x): x is ExceptionValue => x !== undefined);
  return values.length > 0 ? { values } : undefined;
}

function normalizeThread(v: unknown): Thread | undefined {
  if (!isRecord(v)) return undefined;
  const thread: Thread = compact({
    id: typeof v.id === 'number' ? v.id : name(v.id, 64),
    name: name(v.name, 256),
    crashed: bool(v.crashed),
    current: bool(v.current),
    stacktrace: normalizeStacktrace(v.stacktrace),
  });
  return thread.stacktrace || thread.id !== undefined || thread.name ? thread : undefined;
}

export function normalizeThreads(v: unknown): Threads | undefined {
  const values = list(v)
    .map(normalizeThread)
    .filter((t): t is Thread => t !== undefined);
  return values.length > 0 ? { values } : undefined;
}

/**
 * Legacy top-level `stacktrace`: it belongs to the exception when there is exactly one without a stack,
 * otherwise it is the stack of the thread that sent the event.
 */
export function placeTopLevelStacktrace(
  raw: Rec,
  exception: NormalizedEvent['exception'],
  threads: Threads | undefined,
): Threads | undefined {
  const stacktrace = normalizeStacktrace(raw.stacktrace ?? raw['sentry.interfaces.Stacktrace']);
  if (!stacktrace) return threads;
  if (exception?.values.length === 1 && !exception.values[0].stacktrace) {
    exception.values[0].stacktrace = stacktrace;
    return threads;
  }
  const current = !threads?.values.some((t) => t.crashed || t.current);
  return { values: [...(threads?.values ?? []), compact({ stacktrace, current: current || undefined })] };
}
