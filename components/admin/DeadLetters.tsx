'use client';
// Superuser page: events the worker could not store, with the reason; retry them after a fix or discard them.
import { useState } from 'react';
import { useDeadLetterAction, useDeadLetters } from '../hooks/useDeadLetters';
import { Button } from '../ui/Button';
import { EmptyState, ErrorNote, Loading } from '../ui/EmptyState';
import { RelativeTime } from '../ui/RelativeTime';
import { Truncated } from '../ui/Truncated';
import styles from '../ui/ui.module.css';

export function DeadLetters() {
  const [cursor, setCursor] = useState('');
  const list = useDeadLetters(cursor);
  const act = useDeadLetterAction();

  if (list.isLoading) return <Loading what="dead letters" />;
  if (list.error) return <ErrorNote error={list.error} />;
  const rows = list.data?.rows ?? [];
  if (!rows.length && !cursor)
    return <EmptyState title="No dead letters" hint="Every accepted event has been stored." />;
  return (
    <div>
      <ErrorNote error={act.error} />
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Failed</th>
            <th>Project / event</th>
            <th>Error</th>
            <th>Payload</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id} data-testid="dead-letter">
              <td>
                <RelativeTime date={d.failedAt} />
                <div className={`${styles.small} ${styles.muted}`}>{d.deliveries} attempt(s)</div>
              </td>
              <td className={styles.mono}>
                {d.projectId ?? '?'} / {d.eventId ?? '?'}
              </td>
              <td>
                <Truncated text={d.error} limit={200} />
              </td>
              <td className={`${styles.mono} ${styles.breakAll}`}>
                <Truncated text={d.preview} limit={120} />
              </td>
              <td style={{ whiteSpace: 'nowrap' }}>
                <Button onClick={() => act.mutate({ action: 'retry', ids: [d.id] })} disabled={act.isPending}>
                  Retry
                </Button>{' '}
                <Button
                  variant="danger"
                  onClick={() => act.mutate({ action: 'delete', ids: [d.id] })}
                  disabled={act.isPending}
                >
                  Discard
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {list.data?.previous !== null && <Button onClick={() => setCursor(list.data!.previous!)}>Newer</Button>}{' '}
        {list.data?.next && <Button onClick={() => setCursor(list.data!.next!)}>Older</Button>}
      </p>
    </div>
  );
}
