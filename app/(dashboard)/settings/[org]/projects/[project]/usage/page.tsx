// Project settings → Usage: events accepted, rate-limited, refused and dropped by SDKs; quotas; retention; storage.
import { UsageSettings } from '@/components/settings/UsageSettings';
import styles from '@/components/ui/ui.module.css';

export const metadata = { title: 'Usage · Faultline' };

export default async function UsagePage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  return (
    <main className={styles.page}>
      <div className={styles.pageHead}>
        <h1>Usage</h1>
        <span className={styles.muted}>
          {org} / {project}
        </span>
      </div>
      <UsageSettings org={org} projectSlug={project} />
    </main>
  );
}
