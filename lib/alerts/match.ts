// Pure decisions of alert evaluation: does a trigger apply to a stored event, do the filters pass, is a
// frequency exceeded, does the throttle allow another notification. No I/O: evaluate.ts feeds them.
import { levelRank } from '../events/level.ts';
import type { RuleFilter, Trigger } from './ruleSchema.ts';
import type { StoredEvent } from '../digest/types.ts';

/** What the filters look at on the event. */
export type EventFacts = Pick<
  StoredEvent,
  'isNewIssue' | 'isRegression' | 'level' | 'environment' | 'release' | 'tags'
>;

/** What the filters look at on the issue, as it is after the batch committed. */
export interface IssueFacts {
  assignedUserId: number | null;
  assignedTeamId: number | null;
}

/** Whether an event can fire a rule of this trigger; the frequency triggers then need the window count. */
export function triggerApplies(trigger: Trigger, ev: EventFacts): boolean {
  switch (trigger) {
    case 'new_issue':
      return ev.isNewIssue;
    case 'regression':
      return ev.isRegression;
    case 'frequency':
    case 'user_frequency':
    case 'every_event':
      return true;
  }
}

function filterPasses(f: RuleFilter, ev: EventFacts, issue: IssueFacts): boolean {
  switch (f.type) {
    case 'level': {
      const got = levelRank(ev.level);
      const want = levelRank(f.value);
      if (got < 0) return false;
      return f.op === 'gte' ? got >= want : f.op === 'lte' ? got <= want : got === want;
    }
    case 'environment':
      return (ev.environment === f.value) === (f.op === 'eq');
    case 'release':
      return (ev.release === f.value) === (f.op === 'eq');
    case 'tag': {
      const values = ev.tags.filter(([k]) => k === f.key).map(([, v]) => v);
      return f.op === 'eq'
        ? values.includes(f.value)
        : values.some((v) => v.toLowerCase().includes(f.value.toLowerCase()));
    }
    case 'assignee': {
      const assigned = issue.assignedUserId !== null || issue.assignedTeamId !== null;
      if (f.value === 'unassigned') return !assigned;
      if (f.value === 'assigned') return assigned;
      const [kind, id] = f.value.split(':');
      return kind === 'user' ? issue.assignedUserId === Number(id) : issue.assignedTeamId === Number(id);
    }
  }
}

/** All filters must pass (an empty list passes). */
export function filtersMatch(filters: RuleFilter[], ev: EventFacts, issue: IssueFacts): boolean {
  return filters.every((f) => filterPasses(f, ev, issue));
}

/** "Seen more than N times": the count must exceed the threshold, as Sentry's frequency conditions do. */
export function frequencyExceeded(count: number, threshold: number): boolean {
  return count > threshold;
}

/** A frequency rule with an `environment equals` filter counts only that environment's events. */
export function windowEnvironment(filters: RuleFilter[]): string | null {
  const f = filters.find((x) => x.type === 'environment' && x.op === 'eq');
  return f && f.type === 'environment' ? f.value : null;
}

/** The throttle: at most one notification per rule and issue every `minutes` (0 = every time). */
export function throttleAllows(lastFiredAt: Date | null, now: Date, minutes: number): boolean {
  if (!lastFiredAt) return true;
  return now.getTime() - lastFiredAt.getTime() >= minutes * 60_000;
}
