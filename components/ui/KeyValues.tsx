'use client';
// A definition list of event fields: keys and values always as text, long values cut with an expand control.
import { Truncated, valueText } from './Truncated';
import styles from './ui.module.css';

export function KeyValues({
  data,
  limit = 200,
  testId,
}: {
  data: Record<string, unknown> | Array<[string, unknown]>;
  limit?: number;
  testId?: string;
}) {
  // Empty fields (null, undefined) say nothing; SDKs send many of them.
  const entries = (Array.isArray(data) ? data : Object.entries(data)).filter(([, v]) => v !== null && v !== undefined);
  const shown = entries.slice(0, limit);
  return (
    <dl className={styles.kv} data-testid={testId}>
      {shown.map(([k, v], i) => (
        <div key={`${k}-${i}`} style={{ display: 'contents' }}>
          <dt>{String(k)}</dt>
          <dd>
            <Truncated text={valueText(v)} limit={300} />
          </dd>
        </div>
      ))}
      {entries.length > limit && (
        <div style={{ display: 'contents' }}>
          <dt />
          <dd className={styles.muted}>… {entries.length - limit} more not shown (see the raw JSON)</dd>
        </div>
      )}
    </dl>
  );
}
