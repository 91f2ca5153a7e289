// Organization settings: members, roles and teams.
import { OrgSettings } from '@/components/settings/OrgSettings';
import styles from '@/components/ui/ui.module.css';

export const metadata = { title: 'Organization settings · Faultline' };

export default async function OrgSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <main className={styles.page}>
      <div className={styles.pageHead}>
        <h1>Organization settings</h1>
        <span className={styles.muted}>{org}</span>
      </div>
      <OrgSettings org={org} />
    </main>
  );
}
