'use client';
// The user's own API tokens: create with chosen scopes (the token is shown once), list, revoke.
import { useRef, useState } from 'react';
import type { NewApiToken } from '@/lib/auth/contract';
import { DEFAULT_SCOPES, SCOPES, type Scope } from '@/lib/auth/scopes';
import { useApiTokenMutations, useApiTokens } from '../hooks/useAccount';
import { useHydrated } from '../hooks/useHydrated';
import styles from './auth.module.css';

export function TokensSettings() {
  const list = useApiTokens();
  const { create, revoke } = useApiTokenMutations();
  const tokens = list.data;
  // The name is read at submit (uncontrolled): typed before hydration it would be lost from mirrored state.
  const formRef = useRef<HTMLFormElement>(null);
  const hydrated = useHydrated();
  const [scopes, setScopes] = useState<Set<Scope>>(new Set(DEFAULT_SCOPES));
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const error = create.error ?? revoke.error ?? list.error;

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get('name') ?? '').trim();
    create.mutate(
      { name, scopes: [...scopes] },
      {
        onSuccess: (r) => {
          setCreated(r);
          formRef.current?.reset();
        },
      },
    );
  }

  function revokeToken(id: string) {
    if (!window.confirm('Revoke this token? Scripts using it will stop working.')) return;
    revoke.mutate(id);
  }

  const toggle = (s: Scope) =>
    setScopes((prev) => {
      const next = new Set(prev);
      if (next.has(s)) next.delete(s);
      else next.add(s);
      return next;
    });

  return (
    <div>
      {error && (
        <div className={styles.error} role="alert">
          {error.message}
        </div>
      )}
      {created && (
        <div className={styles.panel} aria-live="polite">
          <strong>New token {created.name ? `“${created.name}”` : ''}</strong>
          <p className={styles.lead}>Copy it now: Faultline stores only a hash and will not show it again.</p>
          <div className={styles.secret} data-testid="new-token">
            {created.token}
          </div>
          <p style={{ marginTop: 10 }}>
            <button
              type="button"
              className={styles.secondary}
              onClick={() => navigator.clipboard?.writeText(created.token)}
            >
              Copy
            </button>{' '}
            <button type="button" className={styles.secondary} onClick={() => setCreated(null)}>
              Done
            </button>
          </p>
        </div>
      )}
      <form ref={formRef} className={styles.panel} onSubmit={submit}>
        <div className={styles.field}>
          <label className={styles.label} htmlFor="token-name">
            Name
          </label>
          <input
            id="token-name"
            className={styles.input}
            name="name"
            defaultValue=""
            maxLength={100}
            placeholder="e.g. CI releases"
          />
        </div>
        <span className={styles.label}>Scopes</span>
        <div className={styles.scopes}>
          {SCOPES.map((s) => (
            <label key={s}>
              <input type="checkbox" checked={scopes.has(s)} onChange={() => toggle(s)} /> <code>{s}</code>
            </label>
          ))}
        </div>
        <button
          className={styles.button}
          style={{ width: 'auto' }}
          type="submit"
          disabled={!hydrated || scopes.size === 0}
        >
          Create token
        </button>
      </form>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Name</th>
            <th>Token</th>
            <th>Scopes</th>
            <th>Created</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens?.length === 0 && (
            <tr>
              <td colSpan={6} className={styles.lead}>
                No tokens yet.
              </td>
            </tr>
          )}
          {tokens?.map((t) => (
            <tr key={t.id}>
              <td>{t.name || <span className={styles.lead}>(unnamed)</span>}</td>
              <td className={`${styles.mono} ${styles.nowrap}`}>sntryu_…{t.tokenLastCharacters}</td>
              <td>
                <div className={styles.chips}>
                  {t.scopes.map((s) => (
                    <span key={s} className={styles.chip}>
                      {s}
                    </span>
                  ))}
                </div>
              </td>
              <td className={styles.nowrap}>{new Date(t.dateCreated).toLocaleDateString()}</td>
              <td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'never'}</td>
              <td>
                <button
                  type="button"
                  className={`${styles.secondary} ${styles.danger}`}
                  onClick={() => revokeToken(t.id)}
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
