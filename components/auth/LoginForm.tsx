'use client';
// The sign-in form: next-auth's Credentials provider via signIn('credentials'); errors shown on the page.
// The fields are uncontrolled and read at submit: a password manager (or a fast typist) may fill them before React
// hydrates, and no change event follows, so state mirrored from onChange would still be empty.
import { useRef, useState } from 'react';
import { signIn } from 'next-auth/react';
import { signInErrorMessage } from '@/lib/auth/callbackUrl';
import { useHydrated } from '../hooks/useHydrated';
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
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);
  // Until hydrated, a click would submit the bare HTML form; the button waits for the script instead.
  const hydrated = useHydrated();
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!username || !password) {
      setError(!username ? 'Enter your username or email.' : 'Enter your password.');
      return;
    }
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
    if (passwordRef.current) passwordRef.current.value = '';
    setBusy(false);
    // Focus after the re-render that re-enables the field.
    setTimeout(() => passwordRef.current?.focus(), 0);
  }

  return (
    <form onSubmit={submit} method="post" noValidate aria-label="Sign in">
      {error && (
        <div className={styles.error} role="alert">
          {error}
        </div>
      )}
      <div className={styles.field}>
        <label className={styles.label} htmlFor="username">
          {directory ? 'Username or email' : 'Email'}
        </label>
        <input id="username" name="username" className={styles.input} autoComplete="username" autoFocus required />
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
        />
      </div>
      <button className={styles.button} type="submit" disabled={busy || !hydrated}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
