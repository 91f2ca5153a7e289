// A project's alert rules.
import { RulesSettings } from '@/components/alerts/RulesSettings';
import styles from '@/components/ui/ui.module.css';

export const metadata = { title: 'Alert rules · Faultline' };

export default async function AlertRulesPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  return (
    <main className={styles.page}>
      <div className={styles.pageHead}>
        <h1>Alert rules</h1>
        <span className={styles.muted}>
          {org} / {project}
        </span>
      </div>
      <RulesSettings org={org} project={project} />
    </main>
  );
}
