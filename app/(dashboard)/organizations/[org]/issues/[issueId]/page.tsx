// One issue, with its events (also the API's `permalink`).
import { Suspense } from 'react';
import { IssueDetail } from '@/components/issues/IssueDetail';
import styles from '@/components/ui/ui.module.css';

export const metadata = { title: 'Issue · Faultline' };

export default async function IssuePage({ params }: { params: Promise<{ org: string; issueId: string }> }) {
  const { org, issueId } = await params;
  return (
    <main className={styles.page}>
      <Suspense>
        <IssueDetail org={org} issueId={issueId} />
      </Suspense>
    </main>
  );
}
