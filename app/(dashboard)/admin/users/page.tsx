// Admin: every account of this Faultline; invite local users and disable accounts. Superusers only.
import { notFound } from 'next/navigation';
import { currentPrincipal } from '@/lib/auth/access';
import { UsersAdmin } from '@/components/auth/UsersAdmin';
import styles from '@/components/auth/auth.module.css';

export const metadata = { title: 'Users · Faultline' };

export default async function UsersAdminPage() {
  const p = await currentPrincipal();
  if (!p?.user.isSuperuser) notFound();
  return (
    <main className={styles.page}>
      <h1>Users</h1>
      <p className={styles.lead}>
        Directory users appear after their first sign-in; their details come from the directory.
      </p>
      <UsersAdmin selfId={p.user.id} />
    </main>
  );
}
