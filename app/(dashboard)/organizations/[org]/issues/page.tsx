// The organization's issue list (all projects, or one with ?project=<id>).
import { Suspense } from 'react';
import { IssueList } from '@/components/issues/IssueList';
import styles from '@/components/ui/ui.module.css';

export const metadata = { title: 'Issues · Faultline' };

export default async function IssuesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <main className={styles.page}>
      <div className={styles.pageHead}>
        <h1>Issues</h1>
      </div>
      <Suspense>
        <IssueList org={org} />
      </Suspense>
    </main>
  );
}
