// Admin: events the worker gave up on (bad payloads, repeated failures), so none disappears silently. Superusers only.
import { notFound } from 'next/navigation';
import { currentPrincipal } from '@/lib/auth/access';
import { DeadLetters } from '@/components/admin/DeadLetters';
import styles from '@/components/ui/ui.module.css';

export const metadata = { title: 'Dead letters · Faultline' };

export default async function DeadLettersPage() {
  const p = await currentPrincipal();
  if (!p?.user.isSuperuser) notFound();
  return (
    <main className={styles.page}>
      <div className={styles.pageHead}>
        <h1>Dead letters</h1>
      </div>
      <p className={styles.muted}>
        Events that were accepted but could not be stored after WORKER_MAX_DELIVERIES attempts, or could never be (not
        JSON, not an event). Retry puts an event back on the queue.
      </p>
      <DeadLetters />
    </main>
  );
}
