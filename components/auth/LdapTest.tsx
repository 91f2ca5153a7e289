'use client';
// Superuser page: runs a directory sign-in step by step for a username (password optional) and shows each step.
import { useState } from 'react';
import { useLdapTest } from '../hooks/useAccount';
import styles from './auth.module.css';

export function LdapTest() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const test = useLdapTest();
  const report = test.data;
  const busy = test.isPending;

  function run(e: React.FormEvent) {
    e.preventDefault();
    test.mutate({ username, password: password || undefined });
    setPassword('');
  }

  return (
    <div>
      <form className={styles.panel} onSubmit={run}>
        <div className={styles.row}>
          <div className={styles.field}>
            <label className={styles.label} htmlFor="ldap-username">
              Username
            </label>
            <input
              id="ldap-username"
              className={styles.input}
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className={styles.field}>
            <label className={styles.label} htmlFor="ldap-password">
              Password (optional)
            </label>
            <input
              id="ldap-password"
              className={styles.input}
              type="password"
              autoComplete="off"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button
            className={styles.button}
            style={{ width: 'auto' }}
            type="submit"
            disabled={busy || !username.trim()}
            aria-describedby="ldap-test-hint"
          >
            {busy ? 'Testing…' : 'Test'}
          </button>
        </div>
        {/* Says why the button is disabled instead of leaving it grey without a reason. */}
        <p
          id="ldap-test-hint"
          className={styles.hint}
          style={{ textAlign: 'left', marginTop: 8 }}
          data-testid="ldap-test-hint"
        >
          {username.trim()
            ? 'Runs each step of a directory sign-in for this user; without a password it stops after finding the user.'
            : 'Enter a username to test.'}
        </p>
      </form>
      {test.error && (
        <div className={styles.error} role="alert">
          {test.error.message}
        </div>
      )}
      {report && (
        <div className={styles.panel}>
          <strong className={report.ok ? styles.ok : styles.danger}>
            {report.ok ? 'This user can sign in.' : 'This user cannot sign in.'}
          </strong>
          <ul className={styles.steps}>
            {report.steps.map((s, i) => (
              <li key={i}>
                <span aria-label={s.ok ? 'ok' : 'failed'} className={s.ok ? styles.ok : styles.danger}>
                  {s.ok ? '✓' : '✗'}
                </span>
                <strong>{s.step}</strong>
                <span className={styles.mono}>{s.detail}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
