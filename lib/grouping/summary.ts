// Title, culprit and metadata of an event: what the issue list shows for it.

import { truncate } from '@/lib/events/clean';
import { urlWithoutQuery } from '@/lib/events/request';
import type { EventSummary, Frame, NormalizedEvent } from '@/lib/events/types';
import { eventThread } from './frames';

const MAX_TITLE = 200;
const MAX_CULPRIT = 200;
/** Kept in metadata so the issue page can show more of the value than the title does. */
const MAX_METADATA_VALUE = 1024;

function firstLine(s: string | undefined, max: number): string | undefined {
  const line = s?.trim().split(/\r?\n/, 1)[0].trim();
  return line ? truncate(line, max) : undefined;
}

/** The most relevant frame: the last in-app one (else the last one) of the outermost exception that has frames. */
export function culpritFrame(ev: NormalizedEvent): Frame | undefined {
  const stacks = [...(ev.exception?.values ?? [])].reverse().map((v) => v.stacktrace?.frames ?? []);
  stacks.push(eventThread(ev)?.stacktrace?.frames ?? []);
  const frames = stacks.find((f) => f.length > 0);
  if (!frames) return undefined;
  return [...frames].reverse().find((f) => f.in_app === true) ?? frames[frames.length - 1];
}

function describeFrame(frame: Frame): string {
  // Browser frames name files by URL; the cache-busting query is noise in a one-line culprit.
  const where = frame.module ?? urlWithoutQuery(frame.filename ?? frame.abs_path);
  const fn = frame.function ?? frame.raw_function ?? frame.symbol;
  return truncate(where && fn ? `${where} in ${fn}` : (where ?? fn ?? ''), MAX_CULPRIT);
}

export function summarizeEvent(ev: NormalizedEvent): EventSummary {
  const frame = culpritFrame(ev);
  const culprit = (frame && describeFrame(frame)) || ev.transaction || urlWithoutQuery(ev.request?.url) || '';
  const messageTitle = firstLine(ev.message ?? ev.logentry?.formatted ?? ev.logentry?.message, MAX_TITLE);
  const values = ev.exception?.values ?? [];

  if (values.length > 0) {
    const last = values[values.length - 1];
    const type = last.type?.trim() || undefined;
    const value = firstLine(last.value, MAX_TITLE);
    const title = type && value ? `${type}: ${value}` : (type ?? value ?? messageTitle ?? '<unlabeled event>');
    const metadata: EventSummary['metadata'] = {};
    if (type) metadata.type = type;
    if (last.value?.trim()) metadata.value = truncate(last.value.trim(), MAX_METADATA_VALUE);
    if (frame?.filename ?? frame?.abs_path) metadata.filename = frame?.filename ?? frame?.abs_path;
    if (frame?.function) metadata.function = frame.function;
    return { title, culprit, type: 'error', metadata };
  }
  const title = messageTitle ?? '<unlabeled event>';
  return { title, culprit, type: 'default', metadata: { title } };
}
