// One issue, with its events (also the API's `permalink`).
import { Suspense } from 'react';
import { IssueDetail } from '@/components/issues/IssueDetail';
import { currentPrincipal } from '@/lib/auth/access';
import styles from '@/components/ui/ui.module.css';

export const metadata = { title: 'Issue · Faultline' };

export default async function IssuePage({ params }: { params: Promise<{ org: string; issueId: string }> }) {
  const { org, issueId } = await params;
  const viewer = await currentPrincipal();
  return (
    <main className={styles.page}>
      <Suspense>
        <IssueDetail org={org} issueId={issueId} viewerEmail={viewer?.user.email} />
      </Suspense>
    </main>
  );
}
