// What a new event does to an issue's status: reopen a resolved issue as a regression, end an ignore whose time
// or event budget ran out. Pure, so the worker's batch and the tests share one set of rules.

export type IssueStatus = 'unresolved' | 'resolved' | 'ignored';

export interface IssueStatusState {
  status: IssueStatus;
  substatus: string;
  statusDetails: Record<string, unknown>;
  resolvedInRelease: string | null;
  ignoredUntil: Date | null;
  ignoreUntilCount: bigint | null;
  /** Events counted so far, including the ones applied before this one. */
  eventCount: bigint;
}

export interface EventForStatus {
  release: string | null;
  receivedAt: Date;
}

/** Whether `release` is `reference` itself or newer (semver if both parse, else first seen; see versionOrder.ts). */
export type ReleaseAtOrAfter = (release: string, reference: string) => boolean;

export type Reopened = 'regression' | 'unignored' | null;

function reopenedState(s: IssueStatusState, substatus: string): IssueStatusState {
  return {
    ...s,
    status: 'unresolved',
    substatus,
    statusDetails: {},
    resolvedInRelease: null,
    ignoredUntil: null,
    ignoreUntilCount: null,
  };
}

/**
 * Applies one stored event (already counted in `state.eventCount`) to the status.
 * Release-based resolutions only reopen for events that carry a release: an event without one cannot be
 * shown to come from the newer code, so it is counted but leaves the issue resolved.
 */
export function statusOnEvent(
  state: IssueStatusState,
  ev: EventForStatus,
  atOrAfter: ReleaseAtOrAfter,
): { state: IssueStatusState; reopened: Reopened } {
  if (state.status === 'resolved') {
    const d = state.statusDetails;
    if (d.inNextRelease === true) {
      const current = typeof d.currentRelease === 'string' ? d.currentRelease : null;
      if (ev.release === null || ev.release === current) return { state, reopened: null };
      if (current !== null && !atOrAfter(ev.release, current)) return { state, reopened: null };
      return { state: reopenedState(state, 'regressed'), reopened: 'regression' };
    }
    if (state.resolvedInRelease) {
      if (ev.release === null || !atOrAfter(ev.release, state.resolvedInRelease)) return { state, reopened: null };
      return { state: reopenedState(state, 'regressed'), reopened: 'regression' };
    }
    return { state: reopenedState(state, 'regressed'), reopened: 'regression' };
  }
  if (state.status === 'ignored') {
    if (state.ignoredUntil && ev.receivedAt.getTime() >= state.ignoredUntil.getTime()) {
      return { state: reopenedState(state, 'ongoing'), reopened: 'unignored' };
    }
    if (state.ignoreUntilCount !== null && state.eventCount >= state.ignoreUntilCount) {
      return { state: reopenedState(state, 'escalating'), reopened: 'unignored' };
    }
  }
  return { state, reopened: null };
}
