'use client';
// The events of an issue, newest first, a page at a time; choosing one shows it.
import { useState } from 'react';
import { useIssueEvents } from '../hooks/useIssue';
import { ErrorNote, Loading } from '../ui/EmptyState';
import { RelativeTime } from '../ui/RelativeTime';
import ui from '../ui/ui.module.css';
import styles from './issues.module.css';

function userLabel(u: Record<string, unknown> | null | undefined): string {
  if (!u) return '';
  return String(u.email ?? u.username ?? u.id ?? u.ip_address ?? u.ipAddress ?? '');
}

export function EventsList({ issueId, onSelect }: { issueId: string; onSelect: (eventId: string) => void }) {
  const [cursor, setCursor] = useState('');
  const q = useIssueEvents(issueId, cursor, true);
  return (
    <div data-testid="events-list">
      <ErrorNote error={q.error} />
      {q.isLoading && <Loading what="events" />}
      <div className={ui.tableWrap}>
        <table className={ui.table}>
          <thead>
            <tr>
              <th>Event</th>
              <th>When</th>
              <th>Message</th>
              <th>User</th>
              <th>Release</th>
              <th>Environment</th>
            </tr>
          </thead>
          <tbody>
            {q.data?.rows.map((e) => {
              const tag = (k: string) => e.tags?.find((t) => t.key === k)?.value ?? '';
              return (
                <tr key={e.eventID}>
                  <td>
                    <button type="button" className={ui.link} onClick={() => onSelect(e.eventID)}>
                      <span className={ui.mono}>{e.eventID.slice(0, 8)}</span>
                    </button>
                  </td>
                  <td style={{ whiteSpace: 'nowrap' }}>
                    <RelativeTime date={e.dateCreated} />
                  </td>
                  <td
                    style={{ maxWidth: 360, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                    title={e.title}
                  >
                    {(e.message || e.title || '').slice(0, 200)}
                  </td>
                  <td className={styles.culprit}>{userLabel(e.user)}</td>
                  <td className={ui.mono}>{tag('release')}</td>
                  <td>{tag('environment')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className={styles.pager}>
        <button
          type="button"
          className={ui.button}
          disabled={!q.data?.previous}
          onClick={() => setCursor(q.data?.previous ?? '')}
        >
          ← Newer
        </button>
        <button
          type="button"
          className={ui.button}
          disabled={!q.data?.next}
          onClick={() => setCursor(q.data?.next ?? '')}
        >
          Older →
        </button>
      </div>
    </div>
  );
}
