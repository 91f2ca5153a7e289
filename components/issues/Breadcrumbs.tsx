'use client';
// The breadcrumbs timeline (newest last, like Sentry): one line per crumb, filterable by type and text; only the
// last 50 are rendered until asked for more. Crumb data is event data: always rendered as text.
import { useState } from 'react';
import { crumbLine, crumbSearchText, crumbType, type Crumb } from '@/lib/events/breadcrumbs';
import { Truncated, valueText } from '../ui/Truncated';
import styles from './issues.module.css';
import ui from '../ui/ui.module.css';

const STEP = 50;

function crumbTime(t: Crumb['timestamp']): string {
  if (t === undefined || t === null) return '';
  const d = typeof t === 'number' ? new Date(t * 1000) : new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : d.toISOString().slice(11, 23);
}

function Line({ crumb }: { crumb: Crumb }) {
  const l = crumbLine(crumb);
  switch (l.kind) {
    case 'http':
      return (
        <span className={ui.mono}>
          <strong>{l.method}</strong> <Truncated text={l.url} limit={200} />
          {l.status !== undefined && (
            <span className={`${styles.httpStatus} ${styles[`http${l.statusClass}`] ?? ''}`}> [{l.status}]</span>
          )}
        </span>
      );
    case 'navigation':
      return (
        <span className={ui.mono}>
          {l.from ? <>{l.from} → </> : null}
          {l.to}
        </span>
      );
    case 'query':
      return (
        <code className={ui.mono}>
          <Truncated text={l.sql} limit={300} />
        </code>
      );
    case 'text':
      return l.text ? <Truncated text={l.text} limit={300} /> : null;
  }
}

function hasData(c: Crumb): boolean {
  return (
    c.data !== undefined &&
    c.data !== null &&
    !(typeof c.data === 'object' && Object.keys(c.data as object).length === 0)
  );
}

export function Breadcrumbs({ data }: { data: unknown }) {
  const values: Crumb[] = Array.isArray((data as { values?: unknown })?.values)
    ? (data as { values: Crumb[] }).values
    : Array.isArray(data)
      ? (data as Crumb[])
      : [];
  const [shown, setShown] = useState(STEP);
  const [type, setType] = useState('');
  const [text, setText] = useState('');
  const types = [...new Set(values.map(crumbType))].sort();
  const needle = text.trim().toLowerCase();
  // Each crumb keeps its place in the event as its key: an opened data block stays with its crumb when filtering.
  const filtered = values
    .map((c, at) => ({ c, at }))
    .filter(({ c }) => (!type || crumbType(c) === type) && (!needle || crumbSearchText(c).includes(needle)));
  const start = Math.max(0, filtered.length - shown);
  const visible = filtered.slice(start);
  return (
    <div data-testid="breadcrumbs">
      <div className={styles.crumbFilters}>
        <select
          className={ui.select}
          aria-label="Breadcrumb type"
          value={type}
          onChange={(e) => setType(e.target.value)}
        >
          <option value="">All types ({values.length})</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <input
          className={ui.input}
          type="search"
          aria-label="Filter breadcrumbs"
          placeholder="Filter breadcrumbs"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
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
      {filtered.length === 0 && <p className={ui.muted}>No breadcrumbs match.</p>}
      <ol className={styles.crumbs}>
        {visible.map(({ c, at }) => (
          <li key={at} className={styles.crumb} data-testid="crumb">
            <span className={styles.crumbCat}>
              <span className={`${ui.level} ${ui[`level-${c.level ?? 'info'}`] ?? ''}`} aria-hidden />
              {c.category ?? crumbType(c)}
            </span>
            <span className={styles.crumbText}>
              <Line crumb={c} />
              {hasData(c) && (
                <details className={styles.crumbData}>
                  <summary>data</summary>
                  <pre className={ui.mono}>{valueText(c.data)}</pre>
                </details>
              )}
            </span>
            <time className={styles.crumbTime}>{crumbTime(c.timestamp)}</time>
          </li>
        ))}
      </ol>
    </div>
  );
}
