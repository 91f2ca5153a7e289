'use client';
// Ends the session (next-auth signOut, which posts with its CSRF token) and returns to the login page.
import { signOut } from 'next-auth/react';
import styles from './auth.module.css';

export function SignOutButton({ className, label = 'Sign out' }: { className?: string; label?: string }) {
  return (
    <button
      type="button"
      className={className ?? styles.button}
      onClick={() => signOut({ callbackUrl: '/auth/login' })}
    >
      {label}
    </button>
  );
}
