'use client';
// The sign-in form: next-auth's Credentials provider via signIn('credentials'); errors shown on the page.
import { useRef, useState } from 'react';
import { signIn } from 'next-auth/react';
import { signInErrorMessage } from '@/lib/auth/callbackUrl';
import styles from './auth.module.css';

export function LoginForm({
  callbackUrl,
  initialError,
  directory,
}: {
  callbackUrl: string;
  initialError: string | null;
  directory: boolean;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await signIn('credentials', { username, password, redirect: false, callbackUrl });
      if (r?.ok && !r.error) {
        // A full load, so server components see the new session cookie.
        window.location.assign(callbackUrl);
        return;
      }
      setError(signInErrorMessage(r?.error ?? 'CredentialsSignin'));
    } catch {
      setError('Faultline did not answer. Check your connection and try again.');
    }
    setPassword('');
    setBusy(false);
    // Focus after the re-render that re-enables the field.
    setTimeout(() => passwordRef.current?.focus(), 0);
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      {error && (
        <div className={styles.error} role="alert">
          {error}
        </div>
      )}
      <div className={styles.field}>
        <label className={styles.label} htmlFor="username">
          {directory ? 'Username or email' : 'Email'}
        </label>
        <input
          id="username"
          name="username"
          className={styles.input}
          autoComplete="username"
          autoFocus
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </div>
      <div className={styles.field}>
        <label className={styles.label} htmlFor="password">
          Password
        </label>
        <input
          id="password"
          ref={passwordRef}
          name="password"
          type="password"
          className={styles.input}
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      <button className={styles.button} type="submit" disabled={busy || !username || !password}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
