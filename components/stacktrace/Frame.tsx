'use client';
// One stack frame: where it is, and when opened the source lines around it and the local variables.
import { useState } from 'react';
import { KeyValues } from '../ui/KeyValues';
import type { ViewFrame } from './frames';
import styles from './stacktrace.module.css';

export function Frame({ frame, initiallyOpen }: { frame: ViewFrame; initiallyOpen: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const expandable = frame.context.length > 0 || !!frame.vars || !!frame.minified;
  return (
    <div
      className={`${styles.frame} ${frame.inApp ? styles.inApp : styles.system}`}
      data-testid="frame"
      data-in-app={frame.inApp}
    >
      <button
        type="button"
        className={styles.frameHead}
        onClick={() => expandable && setOpen(!open)}
        aria-expanded={expandable ? open : undefined}
      >
        <span className={styles.file}>{frame.filename}</span>
        {frame.function && (
          <>
            <span>in</span>
            <span className={styles.fn}>{frame.function}</span>
          </>
        )}
        {frame.lineNo !== undefined && (
          <span>
            at line {frame.lineNo}
            {frame.colNo !== undefined ? `:${frame.colNo}` : ''}
          </span>
        )}
        {frame.instructionAddr && <span className={styles.file}>{frame.instructionAddr}</span>}
        {frame.symbolicated && <span className={styles.mappedBadge}>source map</span>}
        {frame.inApp && <span className={styles.appBadge}>In App</span>}
      </button>
      {open && frame.minified && (
        <div className={styles.minified} data-testid="frame-minified">
          minified: <span className={styles.file}>{frame.minified.filename}</span>
          {frame.minified.lineNo !== undefined && `:${frame.minified.lineNo}:${frame.minified.colNo ?? 0}`}
          {frame.minified.function && ` in ${frame.minified.function}`}
        </div>
      )}
      {open && frame.context.length > 0 && (
        <pre className={styles.context}>
          {frame.context.slice(0, 40).map(([n, text]) => (
            <div key={n} className={`${styles.line} ${n === frame.lineNo ? styles.current : ''}`}>
              <span className={styles.lineNo}>{n}</span>
              <span>{text.length > 500 ? text.slice(0, 500) + '…' : text}</span>
            </div>
          ))}
        </pre>
      )}
      {open && frame.vars && (
        <div className={styles.vars}>
          <KeyValues data={frame.vars} limit={50} />
        </div>
      )}
    </div>
  );
}
