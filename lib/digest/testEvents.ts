// Test fixture: prepared events built by the real prepareEvent from small Sentry payloads.
import { prepareEvent, type PreparedEvent } from './prepareEvent.ts';

export interface TestEvent {
  projectId?: number;
  id: number;
  /** Exception type: events with the same one group into one issue. */
  bug?: string;
  at: string;
  release?: string;
  environment?: string;
  user?: string;
  level?: string;
  tags?: Record<string, string>;
}

export function preparedEvent(e: TestEvent): PreparedEvent {
  const payload = {
    event_id: e.id.toString(16).padStart(32, '0'),
    timestamp: e.at,
    platform: 'javascript',
    level: e.level ?? 'error',
    exception: { values: [{ type: e.bug ?? 'TypeError', value: 'x is undefined' }] },
    ...(e.release ? { release: e.release } : {}),
    ...(e.environment ? { environment: e.environment } : {}),
    ...(e.user ? { user: { id: e.user } } : {}),
    ...(e.tags ? { tags: e.tags } : {}),
  };
  return prepareEvent({
    projectId: e.projectId ?? 1,
    keyId: 1,
    eventId: payload.event_id,
    receivedAt: e.at,
    payload: JSON.stringify(payload),
  });
}
