// Sign-out page: a confirmation button rather than signing out on GET, so a link or image cannot log people out.
import { SignOutButton } from '@/components/auth/SignOutButton';
import styles from '@/components/auth/auth.module.css';

export const metadata = { title: 'Sign out · Faultline' };

export default function LogoutPage() {
  return (
    <main className={styles.screen}>
      <div className={styles.card}>
        <h1 className={styles.title}>Sign out</h1>
        <p className={styles.subtitle}>End your Faultline session on this browser?</p>
        <SignOutButton />
      </div>
    </main>
  );
}
