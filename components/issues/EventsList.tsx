'use client';
// The events of an issue, newest first, a page at a time, narrowed by a search (`user.email:… release:… text`);
// choosing one shows it. Each event is two lines (message, then who/when/where) so it fits any width.
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
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const q = useIssueEvents(issueId, cursor, query, true);
  return (
    <div data-testid="events-list">
      <form
        className={styles.search}
        role="search"
        style={{ marginBottom: 10 }}
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(text.trim());
          setCursor('');
        }}
      >
        <input
          className={ui.input}
          aria-label="Search events"
          placeholder="user.email:… release:… environment:… or text"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className={ui.button}>
          Search
        </button>
      </form>
      <ErrorNote error={q.error} />
      {q.isLoading && <Loading what="events" />}
      {q.data && q.data.rows.length === 0 && (
        <p className={ui.muted}>{query ? 'No events of this issue match this search.' : 'No events.'}</p>
      )}
      <ol className={styles.eventRows}>
        {!q.error &&
          q.data?.rows.map((e) => {
            const tag = (k: string) => e.tags?.find((t) => t.key === k)?.value ?? '';
            const user = userLabel(e.user);
            return (
              <li key={e.eventID} className={styles.eventRow} data-testid="event-row">
                <button
                  type="button"
                  className={`${ui.link} ${styles.eventMessage}`}
                  onClick={() => onSelect(e.eventID)}
                  title={e.title}
                >
                  {(e.message || e.title || e.eventID).slice(0, 200)}
                </button>
                <div className={styles.meta}>
                  <span className={ui.mono}>{e.eventID.slice(0, 8)}</span>
                  <RelativeTime date={e.dateCreated} />
                  {user && (
                    <span className={styles.culprit} title={user}>
                      {user}
                    </span>
                  )}
                  {tag('release') && (
                    <span className={ui.mono} title="release">
                      {tag('release')}
                    </span>
                  )}
                  {tag('environment') && <span title="environment">{tag('environment')}</span>}
                </div>
              </li>
            );
          })}
      </ol>
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
