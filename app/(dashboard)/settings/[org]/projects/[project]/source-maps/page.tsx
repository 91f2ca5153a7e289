// A project's uploaded source maps.
import { SourceMapsSettings } from '@/components/sourcemaps/SourceMapsSettings';
import styles from '@/components/ui/ui.module.css';

export const metadata = { title: 'Source maps · Faultline' };

export default async function SourceMapsPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  return (
    <main className={styles.page}>
      <div className={styles.pageHead}>
        <h1>Source maps</h1>
        <span className={styles.muted}>
          {org} / {project}
        </span>
      </div>
      <SourceMapsSettings org={org} project={project} />
    </main>
  );
}
