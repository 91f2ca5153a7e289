// The shape of an event after normalization: what the worker groups, stores and shows.
// Produced by lib/events/normalize.ts from whatever an SDK sent.

import type { Level } from './level.ts';

export interface Frame {
  filename?: string;
  abs_path?: string;
  module?: string;
  function?: string;
  lineno?: number;
  colno?: number;
  in_app?: boolean;
  context_line?: string;
  pre_context?: string[];
  post_context?: string[];
  vars?: Record<string, unknown>;
  platform?: string;
  package?: string;
  /** Native frames: the symbol name before demangling/cleanup, and the address (never used for grouping). */
  raw_function?: string;
  symbol?: string;
  instruction_addr?: string;
  /** Set by source-map resolution: the map used, how it was found (Sentry's `frame.data`). */
  data?: { sourcemap?: string; resolved_with?: 'debug-id' | 'release'; symbolicated?: boolean };
}

export interface ExceptionValue {
  type?: string;
  value?: string;
  module?: string;
  mechanism?: { type?: string; handled?: boolean; [k: string]: unknown };
  stacktrace?: { frames: Frame[] };
  /** The stack as sent, when source maps rewrote `stacktrace`. */
  raw_stacktrace?: { frames: Frame[] };
  thread_id?: string | number;
}

export interface Breadcrumb {
  timestamp?: string;
  type?: string;
  category?: string;
  message?: string;
  level?: string;
  data?: Record<string, unknown>;
}

export interface EventUser {
  id?: string;
  email?: string;
  username?: string;
  ip_address?: string;
  segment?: string;
  [k: string]: unknown;
}

/** A normalized event. Every field has a predictable type; unknown extra fields are kept under their names. */
export interface NormalizedEvent {
  event_id: string; // 32 lowercase hex
  timestamp: string; // ISO 8601
  received: string; // ISO 8601
  level: Level;
  platform: string;
  logger?: string;
  transaction?: string;
  server_name?: string;
  release?: string;
  dist?: string;
  environment: string;
  /** The formatted message, if any. */
  message?: string;
  logentry?: { message?: string; params?: unknown[]; formatted?: string };
  exception?: { values: ExceptionValue[] };
  threads?: {
    values: Array<{
      id?: string | number;
      name?: string;
      crashed?: boolean;
      current?: boolean;
      stacktrace?: { frames: Frame[] };
      raw_stacktrace?: { frames: Frame[] };
    }>;
  };
  breadcrumbs?: { values: Breadcrumb[] };
  /**
   * Tags as ordered [key, value] pairs, keys ≤ 32 and values ≤ 200 characters: the SDK's own, and once prepared for
   * storage (lib/digest/prepareEvent.ts) the derived ones after them (lib/events/tags.ts eventTags).
   */
  tags: [string, string][];
  extra?: Record<string, unknown>;
  user?: EventUser;
  contexts?: Record<string, Record<string, unknown>>;
  request?: {
    url?: string;
    method?: string;
    headers?: [string, string][] | Record<string, string>;
    query_string?: unknown;
    data?: unknown;
    env?: Record<string, unknown>;
    cookies?: unknown;
  };
  sdk?: { name?: string; version?: string; [k: string]: unknown };
  fingerprint?: string[];
  modules?: Record<string, string>;
  [k: string]: unknown;
}

/** What grouping made of an event: the hash and what went into it. */
export interface GroupingResult {
  hash: string; // 32 hex
  /** "fingerprint" | "stacktrace" | "exception" | "message" | "fallback" */
  variant: string;
  /** The human-readable inputs of the hash, in order, so the UI can say why events were grouped. */
  components: string[];
  groupingVersion: string;
}

/** Title, culprit and metadata of an event, as the issue list shows them. */
export interface EventSummary {
  title: string;
  culprit: string;
  /** "error" for exceptions, "default" for messages. */
  type: 'error' | 'default';
  metadata: { type?: string; value?: string; title?: string; filename?: string; function?: string };
}
