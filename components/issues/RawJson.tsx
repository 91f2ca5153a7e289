'use client';
// The event as JSON, closed by default; a huge event shows its first 200 KB until asked for all of it.
import { useMemo, useState } from 'react';
import styles from './issues.module.css';
import ui from '../ui/ui.module.css';

const PREVIEW = 200_000;

export function RawJson({ value, href }: { value: unknown; href: string }) {
  const [open, setOpen] = useState(false);
  const [all, setAll] = useState(false);
  const text = useMemo(() => (open ? JSON.stringify(value, null, 2) : ''), [open, value]);
  return (
    <div>
      <div className={ui.row}>
        <button type="button" className={ui.button} onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'Hide raw JSON' : 'Show raw JSON'}
        </button>
        <a className={ui.button} href={href} target="_blank" rel="noreferrer">
          Open JSON
        </a>
      </div>
      {open && (
        <>
          <pre className={`${ui.code} ${styles.rawJson}`} data-testid="raw-json" style={{ marginTop: 8 }}>
            {all ? text : text.slice(0, PREVIEW)}
          </pre>
          {!all && text.length > PREVIEW && (
            <button type="button" className={ui.link} onClick={() => setAll(true)}>
              Show all {(text.length / 1024 / 1024).toFixed(1)} MB
            </button>
          )}
        </>
      )}
    </div>
  );
}
