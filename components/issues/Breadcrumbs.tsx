'use client';
// The breadcrumbs timeline (newest last, like Sentry); only the last 50 are rendered until asked for more.
import { useState } from 'react';
import { Truncated, valueText } from '../ui/Truncated';
import styles from './issues.module.css';
import ui from '../ui/ui.module.css';

interface Crumb {
  type?: string;
  category?: string;
  level?: string;
  message?: string;
  data?: unknown;
  timestamp?: string | number;
}

const STEP = 50;

function crumbTime(t: Crumb['timestamp']): string {
  if (t === undefined || t === null) return '';
  const d = typeof t === 'number' ? new Date(t * 1000) : new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : d.toISOString().slice(11, 23);
}

export function Breadcrumbs({ data }: { data: unknown }) {
  const values = Array.isArray((data as { values?: unknown })?.values)
    ? (data as { values: Crumb[] }).values
    : Array.isArray(data)
      ? (data as Crumb[])
      : [];
  const [shown, setShown] = useState(STEP);
  const start = Math.max(0, values.length - shown);
  const visible = values.slice(start);
  return (
    <div data-testid="breadcrumbs">
      {start > 0 && (
        <button
          type="button"
          className={ui.link}
          onClick={() => setShown(shown + STEP * 4)}
          style={{ marginBottom: 6 }}
        >
          Show {Math.min(start, STEP * 4)} earlier breadcrumbs ({start} hidden)
        </button>
      )}
      <div className={ui.tableWrap}>
        <table className={styles.crumbs}>
          <tbody>
            {visible.map((c, i) => (
              <tr key={start + i}>
                <td className={styles.crumbCat}>
                  <span className={`${ui.level} ${ui[`level-${c.level ?? 'info'}`] ?? ''}`} aria-hidden />
                  {String(c.category ?? c.type ?? 'default')}
                </td>
                <td style={{ width: '100%', wordBreak: 'break-word' }}>
                  {c.message !== undefined && <Truncated text={valueText(c.message)} limit={300} />}
                  {c.data !== undefined && c.data !== null && (
                    <div className={ui.mono} style={{ color: 'var(--muted)' }}>
                      <Truncated text={valueText(c.data)} limit={200} />
                    </div>
                  )}
                </td>
                <td>{crumbTime(c.timestamp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
