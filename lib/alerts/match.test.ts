import { describe, expect, it } from 'vitest';
import {
  filtersMatch,
  frequencyExceeded,
  throttleAllows,
  triggerApplies,
  windowEnvironment,
  type EventFacts,
  type IssueFacts,
} from './match.ts';
import type { RuleFilter, Trigger } from './ruleSchema.ts';

const ev = (o: Partial<EventFacts> = {}): EventFacts => ({
  isNewIssue: false,
  isRegression: false,
  level: 'error',
  environment: 'production',
  release: 'shop@1.0.0',
  tags: [
    ['browser', 'Chrome 120'],
    ['server_name', 'web-1'],
  ],
  ...o,
});
const unassigned: IssueFacts = { assignedUserId: null, assignedTeamId: null };

describe('triggerApplies', () => {
  it.each<[Trigger, Partial<EventFacts>, boolean]>([
    ['new_issue', { isNewIssue: true }, true],
    ['new_issue', {}, false],
    ['new_issue', { isRegression: true }, false],
    ['regression', { isRegression: true }, true],
    ['regression', { isNewIssue: true }, false],
    ['every_event', {}, true],
    ['frequency', {}, true],
    ['user_frequency', {}, true],
  ])('%s with %j → %s', (trigger, facts, want) => {
    expect(triggerApplies(trigger, ev(facts))).toBe(want);
  });
});

describe('filtersMatch', () => {
  it.each<[string, RuleFilter[], Partial<EventFacts>, IssueFacts, boolean]>([
    ['no filters', [], {}, unassigned, true],
    ['level gte error, event error', [{ type: 'level', op: 'gte', value: 'error' }], {}, unassigned, true],
    [
      'level gte error, event fatal',
      [{ type: 'level', op: 'gte', value: 'error' }],
      { level: 'fatal' },
      unassigned,
      true,
    ],
    [
      'level gte error, event warning',
      [{ type: 'level', op: 'gte', value: 'error' }],
      { level: 'warning' },
      unassigned,
      false,
    ],
    ['level eq warning', [{ type: 'level', op: 'eq', value: 'warning' }], { level: 'warning' }, unassigned, true],
    [
      'level lte info, event debug',
      [{ type: 'level', op: 'lte', value: 'info' }],
      { level: 'debug' },
      unassigned,
      true,
    ],
    [
      'unknown event level never passes',
      [{ type: 'level', op: 'gte', value: 'debug' }],
      { level: 'bogus' },
      unassigned,
      false,
    ],
    ['environment eq', [{ type: 'environment', op: 'eq', value: 'production' }], {}, unassigned, true],
    ['environment eq other', [{ type: 'environment', op: 'eq', value: 'staging' }], {}, unassigned, false],
    ['environment ne', [{ type: 'environment', op: 'ne', value: 'staging' }], {}, unassigned, true],
    ['release eq', [{ type: 'release', op: 'eq', value: 'shop@1.0.0' }], {}, unassigned, true],
    [
      'release eq, event has none',
      [{ type: 'release', op: 'eq', value: 'shop@1.0.0' }],
      { release: null },
      unassigned,
      false,
    ],
    [
      'release ne, event has none',
      [{ type: 'release', op: 'ne', value: 'shop@1.0.0' }],
      { release: null },
      unassigned,
      true,
    ],
    ['tag eq', [{ type: 'tag', key: 'server_name', op: 'eq', value: 'web-1' }], {}, unassigned, true],
    ['tag eq is exact', [{ type: 'tag', key: 'browser', op: 'eq', value: 'Chrome' }], {}, unassigned, false],
    [
      'tag contains, any case',
      [{ type: 'tag', key: 'browser', op: 'contains', value: 'chrome' }],
      {},
      unassigned,
      true,
    ],
    ['tag missing', [{ type: 'tag', key: 'os', op: 'contains', value: 'x' }], {}, unassigned, false],
    ['unassigned', [{ type: 'assignee', value: 'unassigned' }], {}, unassigned, true],
    [
      'unassigned, issue has a team',
      [{ type: 'assignee', value: 'unassigned' }],
      {},
      { assignedUserId: null, assignedTeamId: 3 },
      false,
    ],
    ['assigned', [{ type: 'assignee', value: 'assigned' }], {}, { assignedUserId: 7, assignedTeamId: null }, true],
    [
      'assigned to user 7',
      [{ type: 'assignee', value: 'user:7' }],
      {},
      { assignedUserId: 7, assignedTeamId: null },
      true,
    ],
    [
      'assigned to user 8',
      [{ type: 'assignee', value: 'user:8' }],
      {},
      { assignedUserId: 7, assignedTeamId: null },
      false,
    ],
    [
      'assigned to team 3',
      [{ type: 'assignee', value: 'team:3' }],
      {},
      { assignedUserId: null, assignedTeamId: 3 },
      true,
    ],
    [
      'all filters must pass',
      [
        { type: 'environment', op: 'eq', value: 'production' },
        { type: 'level', op: 'gte', value: 'fatal' },
      ],
      {},
      unassigned,
      false,
    ],
  ])('%s', (_name, filters, facts, issue, want) => {
    expect(filtersMatch(filters, ev(facts), issue)).toBe(want);
  });
});

describe('frequencyExceeded: "more than N"', () => {
  it.each([
    [10, 10, false],
    [11, 10, true],
    [0, 0, false],
    [1, 0, true],
  ])('%i events, threshold %i → %s', (count, threshold, want) => {
    expect(frequencyExceeded(count, threshold)).toBe(want);
  });
});

describe('windowEnvironment', () => {
  it('counts only the environment an eq filter names', () => {
    expect(windowEnvironment([{ type: 'environment', op: 'eq', value: 'prod' }])).toBe('prod');
    expect(windowEnvironment([{ type: 'environment', op: 'ne', value: 'prod' }])).toBeNull();
    expect(windowEnvironment([])).toBeNull();
  });
});

describe('throttleAllows', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  it.each<[string, Date | null, number, boolean]>([
    ['never fired', null, 30, true],
    ['fired 29 min ago, 30 min throttle', new Date(now.getTime() - 29 * 60_000), 30, false],
    ['fired exactly 30 min ago', new Date(now.getTime() - 30 * 60_000), 30, true],
    ['fired 31 min ago', new Date(now.getTime() - 31 * 60_000), 30, true],
    ['throttle 0 always allows', now, 0, true],
  ])('%s', (_n, last, minutes, want) => {
    expect(throttleAllows(last, now, minutes)).toBe(want);
  });
});
