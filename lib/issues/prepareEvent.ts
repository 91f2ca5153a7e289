// The CPU half of storing an event, done before any database work: normalize, group, summarize, tag.
import type { QueuedEvent } from '../queue/types.ts';
import type { EventSummary, GroupingResult, NormalizedEvent } from '../events/types.ts';
import { normalizeEvent } from '../events/normalize.ts';
import { eventTags } from '../events/tags.ts';
import { userKey } from '../events/user.ts';
import { groupEvent } from '../grouping/hash.ts';
import { summarizeEvent } from '../grouping/summary.ts';

export interface PreparedEvent {
  projectId: number;
  event: NormalizedEvent;
  grouping: GroupingResult;
  summary: EventSummary;
  tags: [string, string][];
  userKey: string | null;
  timestamp: Date;
  receivedAt: Date;
  /** The normalized event as JSON, NUL characters replaced: PostgreSQL text and jsonb cannot hold U+0000. */
  json: string;
}

const noNul = (_k: string, v: unknown) => (typeof v === 'string' && v.includes('\0') ? v.replaceAll('\0', '\uFFFD') : v);

export function withoutNul(s: string): string {
  return s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s;
}

function nullableWithoutNul(s: string | null | undefined): string | null {
  return s ? withoutNul(s) : null;
}

/** Throws SyntaxError for a payload that is not JSON and EventError for one that is not an event object. */
export function prepareEvent(q: QueuedEvent): PreparedEvent {
  const receivedAt = new Date(q.receivedAt);
  const event = normalizeEvent(JSON.parse(q.payload), { receivedAt, clientIp: q.clientIp, eventId: q.eventId });
  const summary = summarizeEvent(event);
  return {
    projectId: q.projectId,
    event,
    grouping: groupEvent(event),
    summary: {
      ...summary,
      title: withoutNul(summary.title),
      culprit: withoutNul(summary.culprit),
    },
    tags: eventTags(event).map(([k, v]) => [withoutNul(k), withoutNul(v)]),
    userKey: nullableWithoutNul(userKey(event)),
    timestamp: new Date(event.timestamp),
    receivedAt,
    json: JSON.stringify(event, noNul),
  };
}
