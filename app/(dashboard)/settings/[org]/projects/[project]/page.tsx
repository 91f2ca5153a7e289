// Project settings: details, DSN keys, team access, deletion; links to the project's alert rules and source maps.
import Link from 'next/link';
import { ProjectSettings } from '@/components/settings/ProjectSettings';
import styles from '@/components/ui/ui.module.css';

export const metadata = { title: 'Project settings · Faultline' };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  return (
    <main className={styles.page}>
      <div className={styles.pageHead}>
        <h1>Project settings</h1>
        <div className={styles.row}>
          <Link className={styles.button} href={`/settings/${org}/projects/${project}/alerts/`}>
            Alert rules
          </Link>
          <Link className={styles.button} href={`/settings/${org}/projects/${project}/source-maps/`}>
            Source maps
          </Link>
          <Link className={styles.button} href={`/organizations/${org}/issues/`}>
            Issues
          </Link>
        </div>
      </div>
      <ProjectSettings org={org} projectSlug={project} />
    </main>
  );
}
