// The /api/0 event shapes (Sentry's): the short list form, the full event with its `entries`, and the user.
import type { Rec } from './clean.ts';

/** `user` as Sentry's event serializer answers it: the identity fields, everything else under `data`. */
// A type, not an interface: the page shows it as plain key/values.
export type EventUser = {
  id: unknown;
  email: unknown;
  username: unknown;
  ip_address: unknown;
  name: string | null;
  geo: unknown;
  data: Rec | null;
};

export interface EventTag {
  key: string;
  value: string;
}

/** One section of the event page: exception, message, threads, breadcrumbs or request. */
export interface EventEntry {
  type: 'exception' | 'message' | 'threads' | 'breadcrumbs' | 'request';
  data: Rec;
}

/** A problem met while processing the event (source maps), in Sentry's shape; `data.reason` is for people. */
export interface EventProcessingError {
  type: string;
  message: string;
  data: Rec;
}

/** The short form Sentry lists events in (`/issues/{id}/events/` without `full`). */
export interface EventSimple {
  id: string;
  'event.type': 'error' | 'default';
  groupID: string;
  eventID: string;
  projectID: string;
  message: string;
  title: string;
  location: string | null;
  culprit: string;
  user: EventUser | null;
  tags: EventTag[];
  platform: string | null;
  dateCreated: string;
  crashFile: null;
}

export interface Event {
  id: string;
  eventID: string;
  groupID: string;
  projectID: string;
  type: 'error' | 'default';
  title: string;
  message: string;
  culprit: string;
  location: string | null;
  platform: string | null;
  level: string;
  logger: string | null;
  dateCreated: string;
  dateReceived: string;
  metadata: { type?: string; value?: string; title?: string };
  tags: EventTag[];
  user: EventUser | null;
  contexts: Record<string, Record<string, unknown>>;
  sdk: { name: string | null; version: string | null } | null;
  release: { version: string } | null;
  dist: string | null;
  environment: string | null;
  /** The grouping hashes (Sentry's name); the SDK's own fingerprint is `fingerprint`. */
  fingerprints: string[];
  fingerprint: string[];
  groupingConfig: { id: string; enhancements: string };
  entries: EventEntry[];
  packages: Record<string, string>;
  /** Sentry calls the event's `extra` `context`; both are given, with `environ` filtered. */
  context: Rec;
  extra: Rec;
  errors: EventProcessingError[];
  crashFile: null;
  userReport: null;
  sdkUpdates: unknown[];
  occurrence: null;
  _meta: Rec;
  previousEventID: string | null;
  nextEventID: string | null;
}
