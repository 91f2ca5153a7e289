'use client';
// A button that opens a small menu of actions; closes on choice, outside click or Escape. Keys as in the WAI-ARIA
// menu button pattern: opening focuses the first item, arrows/Home/End move, Escape returns to the button.
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
  const button = useRef<HTMLButtonElement>(null);
  const itemsOf = () => [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
  useEffect(() => {
    if (open) itemsOf()[0]?.focus();
  }, [open]);
  function onMenuKey(e: React.KeyboardEvent) {
    const all = itemsOf();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const to = {
      ArrowDown: (at + 1) % all.length,
      ArrowUp: (at - 1 + all.length) % all.length,
      Home: 0,
      End: all.length - 1,
    }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      all[to]?.focus();
    } else if (e.key === 'Escape') {
      setOpen(false);
      button.current?.focus();
    } else if (e.key === 'Tab') setOpen(false);
  }
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
        ref={button}
        type="button"
        className={ui.button}
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {label} ▾
      </button>
      {open && (
        <div className={styles.menuList} role="menu" aria-label={label} onKeyDown={onMenuKey}>
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
                  tabIndex={-1}
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
