'use client';
// A button that opens a small menu of actions; closes on choice, outside click or Escape.
import { useEffect, useRef, useState } from 'react';
import styles from './issues.module.css';
import ui from '../ui/ui.module.css';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  section?: string;
}

export function Menu({ label, items, disabled }: { label: string; items: MenuItem[]; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  return (
    <div className={styles.menu} ref={ref}>
      <button
        type="button"
        className={ui.button}
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => setOpen(!open)}
      >
        {label} ▾
      </button>
      {open && (
        <div className={styles.menuList} role="menu" aria-label={label}>
          {items.map((it, i) => {
            const head =
              it.section && it.section !== items[i - 1]?.section ? (
                <div className={styles.menuSep}>{it.section}</div>
              ) : null;
            return (
              <div key={it.label}>
                {head}
                <button
                  type="button"
                  role="menuitem"
                  className={styles.menuItem}
                  onClick={() => {
                    setOpen(false);
                    it.onSelect();
                  }}
                >
                  {it.label}
                </button>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
