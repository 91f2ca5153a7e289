'use client';
// Copies a value to the clipboard and says so.
import { useState } from 'react';
import styles from './ui.module.css';

export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  }
  return (
    <button type="button" className={styles.button} onClick={copy} title={`Copy ${value.slice(0, 80)}`}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}

/** A value in a monospace box with its copy button. */
export function CopyLine({ value, label, testId }: { value: string; label?: string; testId?: string }) {
  return (
    <div className={styles.copyLine}>
      <code className={styles.copyValue} data-testid={testId}>
        {value}
      </code>
      <CopyButton value={value} label={label} />
    </div>
  );
}
