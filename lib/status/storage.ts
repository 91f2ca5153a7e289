// How much the database holds and which projects hold most of it, without reading the events table: its size from
// the catalog, each project's events from its hourly counts, and its bytes as its share of the table.
import type { Db } from '../db.ts';
import type { LargeProject, StatusReport } from './contract.ts';
import { largestProjectCounts, storageSizes, type ProjectCount } from './queries/storage.ts';

/**
 * Bytes per project as its share of the stored events × the table's bytes (table, TOAST, indexes). Event sizes
 * differ between projects (stack traces, breadcrumbs), so this is an estimate: exact bytes would need
 * `pg_column_size` over every row, a scan of the whole table.
 */
export function estimateProjectBytes(
  projects: ProjectCount[],
  totalEvents: number,
  eventTableBytes: number,
): LargeProject[] {
  return projects.map((p) => ({
    id: p.id,
    org: p.org,
    slug: p.slug,
    name: p.name,
    events: p.events,
    estimatedBytes: totalEvents > 0 ? Math.round((eventTableBytes * p.events) / totalEvents) : 0,
  }));
}

export async function readStorage(db: Db, limit = 10): Promise<StatusReport['storage']> {
  const [sizes, counts] = await Promise.all([storageSizes(db), largestProjectCounts(db, limit)]);
  return {
    ...sizes,
    largestProjects: estimateProjectBytes(counts.projects, counts.totalEvents, sizes.eventTableBytes),
  };
}
