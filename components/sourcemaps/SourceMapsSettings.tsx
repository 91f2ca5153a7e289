'use client';
// Project settings → Source maps: what sentry-cli uploaded (debug IDs, release, dist, files, size, date), and delete.
import { useArtifactBundles, useDeleteArtifactBundle } from '@/components/hooks/useArtifactBundles';
import { Button } from '@/components/ui/Button';
import { EmptyState, ErrorNote, Loading } from '@/components/ui/EmptyState';
import { RelativeTime } from '@/components/ui/RelativeTime';
import styles from '@/components/ui/ui.module.css';
import type { ArtifactBundleShape } from '@/lib/sourcemaps/contract';
import { formatBytes } from '../ui/bytes';

// A no-break space keeps number and unit on one line in the narrow column.
function Files({ b }: { b: ArtifactBundleShape }) {
  return (
    <details>
      <summary>
        {b.fileCount} file{b.fileCount === 1 ? '' : 's'}
      </summary>
      <ul>
        {b.files.map((f) => (
          <li key={f.url}>
            <code>{f.url}</code> <span className={styles.muted}>{f.type.replace('_', ' ')}</span>
          </li>
        ))}
        {b.fileCount > b.files.length && <li className={styles.muted}>… {b.fileCount - b.files.length} more</li>}
      </ul>
    </details>
  );
}

export function SourceMapsSettings({ org, project }: { org: string; project: string }) {
  const bundles = useArtifactBundles(org, project);
  const remove = useDeleteArtifactBundle(org, project);
  if (bundles.isLoading) return <Loading what="source maps" />;
  if (bundles.error) return <ErrorNote error={bundles.error} />;
  const rows = bundles.data?.rows ?? [];
  if (!rows.length)
    return (
      <EmptyState
        title="No source maps uploaded"
        hint="Upload them with sentry-cli (or a Sentry bundler plugin); minified stack frames then show original code."
      >
        <pre>
          sentry-cli sourcemaps inject ./dist{'\n'}sentry-cli sourcemaps upload --org {org} --project {project} ./dist
        </pre>
      </EmptyState>
    );
  return (
    <section>
      <ErrorNote error={remove.error} />
      <div className={styles.tableWrap}>
        <table className={styles.table} aria-label="Uploaded source maps">
          <thead>
            <tr>
              <th>Debug IDs</th>
              <th>Release</th>
              <th>Dist</th>
              <th>Files</th>
              <th>Size</th>
              <th>Uploaded</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => (
              <tr key={b.id}>
                <td>
                  {b.debugIds.length ? (
                    b.debugIds.map((d) => (
                      <div key={d}>
                        <code>{d}</code>
                      </div>
                    ))
                  ) : (
                    <span className={styles.muted}>{b.kind === 'release_files' ? 'release files' : 'none'}</span>
                  )}
                </td>
                <td>{b.release ?? <span className={styles.muted}>—</span>}</td>
                <td>{b.dist ?? <span className={styles.muted}>—</span>}</td>
                <td>
                  <Files b={b} />
                </td>
                <td>{formatBytes(b.size)}</td>
                <td>
                  <RelativeTime date={b.date} />
                </td>
                <td>{b.lastUsed ? <RelativeTime date={b.lastUsed} /> : <span className={styles.muted}>never</span>}</td>
                <td>
                  <Button
                    variant="danger"
                    disabled={remove.isPending}
                    onClick={() =>
                      window.confirm('Delete this upload? Events that arrive later cannot use it.') &&
                      remove.mutate(b.id)
                    }
                  >
                    Delete
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
