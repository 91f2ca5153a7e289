'use client';
// Short confirmations at the foot of the screen ("Resolved 3 issues" · Undo); one at a time, gone after a few seconds.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import styles from './ui.module.css';

export interface ToastInput {
  message: string;
  action?: { label: string; onClick: () => void };
}

const ToastContext = createContext<(t: ToastInput) => void>(() => {});

/** Long enough to read and reach Undo; a pointer over the toast keeps it. */
const TOAST_MS = 8000;

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toast, setToast] = useState<(ToastInput & { id: number }) | null>(null);
  const [hover, setHover] = useState(false);
  const seq = useRef(0);
  const show = useCallback((t: ToastInput) => setToast({ ...t, id: ++seq.current }), []);
  useEffect(() => {
    if (!toast || hover) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, hover]);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div
        className={styles.toastRegion}
        role="status"
        aria-live="polite"
        onMouseEnter={() => setHover(true)}
        onMouseLeave={() => setHover(false)}
      >
        {toast && (
          <div className={styles.toast} key={toast.id} data-testid="toast">
            <span>{toast.message}</span>
            {toast.action && (
              <button
                type="button"
                className={styles.toastAction}
                onClick={() => {
                  setToast(null);
                  toast.action!.onClick();
                }}
              >
                {toast.action.label}
              </button>
            )}
            <button type="button" className={styles.toastClose} aria-label="Dismiss" onClick={() => setToast(null)}>
              ×
            </button>
          </div>
        )}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
