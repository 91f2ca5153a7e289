// The CPU half of storing an event, done before any database work: normalize, group, summarize, tag.
import type { QueuedEvent } from '../queue/types.ts';
import type { EventSummary, GroupingResult, NormalizedEvent } from '../events/types.ts';
import { normalizeEvent } from '../events/normalize.ts';
import { eventTags } from '../events/tags.ts';
import { userKey } from '../events/user.ts';
import { groupEvent } from '../grouping/hash.ts';
import { summarizeEvent } from '../grouping/summary.ts';
import { pgJson } from './queries/batchWrites.ts';

export interface PreparedEvent {
  projectId: number;
  event: NormalizedEvent;
  grouping: GroupingResult;
  summary: EventSummary;
  userKey: string | null;
  timestamp: Date;
  receivedAt: Date;
  /** The normalized event as JSON for the database (NUL characters replaced). */
  json: string;
}

/** A queued event parsed and normalized, before source maps and grouping. */
export interface NormalizedQueued {
  projectId: number;
  event: NormalizedEvent;
  receivedAt: Date;
}

/** Throws SyntaxError for a payload that is not JSON and EventError for one that is not an event object. */
export function normalizeQueued(q: QueuedEvent): NormalizedQueued {
  const receivedAt = new Date(q.receivedAt);
  const event = normalizeEvent(JSON.parse(q.payload), { receivedAt, clientIp: q.clientIp, eventId: q.eventId });
  return { projectId: q.projectId, event, receivedAt };
}

/**
 * Grouping, summary and tags of a normalized event: run after source maps, so they see the original frames. The
 * stored event's `tags` are all of them, its own then the derived ones (as in Sentry's stored events): the payload
 * is the one place an event's tags are kept, for the API, event search and alert rules alike.
 */
export function finishPrepare({ projectId, event: normalized, receivedAt }: NormalizedQueued): PreparedEvent {
  const event = { ...normalized, tags: eventTags(normalized) };
  return {
    projectId,
    event,
    grouping: groupEvent(event),
    summary: summarizeEvent(event),
    userKey: userKey(event) ?? null,
    timestamp: new Date(event.timestamp),
    receivedAt,
    json: pgJson(event),
  };
}

/** Without source maps (tests and fixtures that need no database). */
export function prepareEvent(q: QueuedEvent): PreparedEvent {
  return finishPrepare(normalizeQueued(q));
}
