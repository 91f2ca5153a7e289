// Admin: what the install is doing now: events accepted and stored per minute, the queue, the workers, the database.
// Superusers only.
import { notFound } from 'next/navigation';
import { currentPrincipal } from '@/lib/auth/access';
import { Status } from '@/components/admin/Status';
import styles from '@/components/ui/ui.module.css';

export const metadata = { title: 'Status · Faultline' };

export default async function StatusPage() {
  const p = await currentPrincipal();
  if (!p?.user.isSuperuser) notFound();
  return (
    <main className={styles.page}>
      <div className={styles.pageHead}>
        <h1>Status</h1>
      </div>
      <Status />
    </main>
  );
}
