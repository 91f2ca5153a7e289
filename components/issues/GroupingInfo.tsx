'use client';
// "Why grouped": every hash that leads to this issue and, where the server kept them, the inputs of each hash.
import { useIssueHashes } from '../hooks/useIssue';
import { ErrorNote, Loading } from '../ui/EmptyState';
import { Truncated, valueText } from '../ui/Truncated';
import ui from '../ui/ui.module.css';

function componentsList(c: unknown): string[] | null {
  if (Array.isArray(c)) return c.map(valueText);
  if (c && typeof c === 'object') {
    const v = (c as { values?: unknown }).values;
    if (Array.isArray(v)) return v.map(valueText);
  }
  return null;
}

export function GroupingInfo({ issueId }: { issueId: string }) {
  const q = useIssueHashes(issueId, true);
  return (
    <div data-testid="grouping-info">
      <p className={ui.muted} style={{ marginTop: 0 }}>
        Events join this issue when their grouping hash is one of these. The hash is made from the stack trace&apos;s
        in-app modules and functions and the exception type (or a custom fingerprint, or the message template); line
        numbers and messages with variable parts do not split issues.
      </p>
      <ErrorNote error={q.error} />
      {q.isLoading && <Loading what="hashes" />}
      {q.data?.map((h) => {
        const variant = h.components.variant;
        const parts = componentsList(h.components);
        return (
          <div key={h.id} className={ui.panel}>
            <div className={ui.mono}>{h.id}</div>
            <div className={`${ui.small} ${ui.muted}`}>
              {variant && (
                <>
                  by <strong>{variant}</strong>{' '}
                </>
              )}
              {h.groupingVersion && <>· grouping {h.groupingVersion} </>}
              {h.latestEvent?.eventID && (
                <>
                  · latest event <span className={ui.mono}>{h.latestEvent.eventID.slice(0, 12)}</span>
                </>
              )}
            </div>
            {parts && parts.length > 0 && (
              <ol className={ui.mono} style={{ margin: '8px 0 0', paddingLeft: 22 }}>
                {parts.slice(0, 200).map((p, i) => (
                  <li key={i}>
                    <Truncated text={p} limit={300} />
                  </li>
                ))}
              </ol>
            )}
          </div>
        );
      })}
    </div>
  );
}
