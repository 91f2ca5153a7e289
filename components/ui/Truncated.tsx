'use client';
// Long text from events, cut to `limit` characters with a control to show all of it. Always rendered as text.
import { useState } from 'react';
import styles from './ui.module.css';

export function Truncated({ text, limit = 400, className }: { text: string; limit?: number; className?: string }) {
  const [open, setOpen] = useState(false);
  if (text.length <= limit) return <span className={`${styles.truncated} ${className ?? ''}`}>{text}</span>;
  return (
    <span className={`${styles.truncated} ${className ?? ''}`}>
      {open ? text : text.slice(0, limit) + '…'}{' '}
      <button type="button" className={styles.link} onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? 'Show less' : `Show all (${text.length.toLocaleString()} characters)`}
      </button>
    </span>
  );
}

/** Any JSON value as short text: strings as they are, the rest as JSON. */
export function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
}
