// Home: the signed-in user's organizations and projects.
import { ProjectsOverview } from '@/components/projects/ProjectsOverview';
import styles from '@/components/ui/ui.module.css';

export const metadata = { title: 'Projects · Faultline' };

export default function HomePage() {
  return (
    <main className={styles.page}>
      <div className={styles.pageHead}>
        <h1>Projects</h1>
      </div>
      <ProjectsOverview />
    </main>
  );
}
