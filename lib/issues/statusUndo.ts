// Pure: the words for a status change and the change that puts an issue back where it was (the toast's Undo).
import type { Issue, IssueUpdate } from './contract.ts';

/** "Resolved", "Ignored", "Unresolved" (+ " 3 issues" for several). */
export function statusChangeText(change: IssueUpdate, n: number): string | null {
  const s = change.status;
  if (!s) return null;
  const verb =
    s === 'resolved' || s === 'resolvedInNextRelease'
      ? 'Resolved'
      : s === 'ignored' || s === 'muted'
        ? 'Ignored'
        : 'Unresolved';
  const what = change.statusDetails?.inNextRelease || s === 'resolvedInNextRelease' ? ' in the next release' : '';
  return n === 1 ? `${verb}${what}` : `${verb} ${n} issues${what}`;
}

/** The update restoring `issue`'s status as it was before a change. */
export function restoreStatus(issue: Pick<Issue, 'status' | 'statusDetails'>): IssueUpdate {
  const d = issue.statusDetails ?? {};
  if (issue.status === 'resolved') {
    return {
      status: 'resolved',
      statusDetails: d.inNextRelease ? { inNextRelease: true } : d.inRelease ? { inRelease: d.inRelease } : {},
    };
  }
  if (issue.status === 'ignored') {
    return {
      status: 'ignored',
      statusDetails: d.ignoreUntil
        ? { ignoreUntil: d.ignoreUntil }
        : d.ignoreCount
          ? { ignoreCount: d.ignoreCount }
          : {},
    };
  }
  return { status: 'unresolved', statusDetails: {} };
}

/** Issues grouped by the update that restores them, so a bulk Undo is one request per earlier status. */
export function restoreGroups(
  issues: Pick<Issue, 'id' | 'status' | 'statusDetails'>[],
): { change: IssueUpdate; ids: string[] }[] {
  const groups = new Map<string, { change: IssueUpdate; ids: string[] }>();
  for (const i of issues) {
    const change = restoreStatus(i);
    const key = JSON.stringify(change);
    const g = groups.get(key) ?? { change, ids: [] };
    g.ids.push(i.id);
    groups.set(key, g);
  }
  return [...groups.values()];
}
