// What to show when a list has nothing in it: a title, what to do, and optional details.
import styles from './ui.module.css';

export function EmptyState({
  title,
  hint,
  children,
}: {
  title: string;
  hint?: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <div className={styles.empty} role="status">
      <h2>{title}</h2>
      {hint && <p>{hint}</p>}
      {children && <div className={styles.emptyBody}>{children}</div>}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className={styles.muted} aria-busy="true">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className={styles.error} role="alert">
      {error instanceof Error ? error.message : String(error)}
    </div>
  );
}
