import { describe, expect, it } from 'vitest';
import { restoreGroups, restoreStatus, statusChangeText } from './statusUndo.ts';

describe('status undo', () => {
  it.each([
    [
      { status: 'unresolved' as const, statusDetails: {} },
      { status: 'unresolved', statusDetails: {} },
    ],
    [
      { status: 'resolved' as const, statusDetails: { inNextRelease: true as const } },
      { status: 'resolved', statusDetails: { inNextRelease: true } },
    ],
    [
      { status: 'ignored' as const, statusDetails: { ignoreCount: 100 } },
      { status: 'ignored', statusDetails: { ignoreCount: 100 } },
    ],
    [
      { status: 'ignored' as const, statusDetails: { ignoreUntil: '2026-12-01T00:00:00Z' } },
      { status: 'ignored', statusDetails: { ignoreUntil: '2026-12-01T00:00:00Z' } },
    ],
  ])('restores %j', (issue, want) => expect(restoreStatus(issue)).toEqual(want));

  it('groups a bulk undo by earlier status', () => {
    const groups = restoreGroups([
      { id: '1', status: 'unresolved', statusDetails: {} },
      { id: '2', status: 'ignored', statusDetails: {} },
      { id: '3', status: 'unresolved', statusDetails: {} },
    ]);
    expect(groups).toEqual([
      { change: { status: 'unresolved', statusDetails: {} }, ids: ['1', '3'] },
      { change: { status: 'ignored', statusDetails: {} }, ids: ['2'] },
    ]);
  });

  it('says what happened', () => {
    expect(statusChangeText({ status: 'resolved', statusDetails: {} }, 1)).toBe('Resolved');
    expect(statusChangeText({ status: 'ignored', statusDetails: { ignoreDuration: 30 } }, 3)).toBe('Ignored 3 issues');
    expect(statusChangeText({ status: 'resolved', statusDetails: { inNextRelease: true } }, 2)).toBe(
      'Resolved 2 issues in the next release',
    );
    expect(statusChangeText({ assignedTo: 'me' }, 1)).toBeNull();
  });
});
