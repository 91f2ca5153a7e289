'use client';
// Resolve / ignore / unresolve controls in Sentry's terms; used for one issue and for bulk changes.
import type { IssueStatus, IssueUpdate } from '@/lib/issues/contract';
import { Menu } from './Menu';
import ui from '../ui/ui.module.css';

const DURATIONS: Array<[string, number]> = [
  ['30 minutes', 30],
  ['2 hours', 120],
  ['24 hours', 1440],
  ['1 week', 10080],
];
const COUNTS = [10, 100, 1000];

export function StatusActions({
  status,
  onChange,
  disabled,
}: {
  status?: IssueStatus;
  onChange: (c: IssueUpdate) => void;
  disabled?: boolean;
}) {
  if (status === 'resolved' || status === 'ignored') {
    return (
      <button
        type="button"
        className={ui.button}
        disabled={disabled}
        onClick={() => onChange({ status: 'unresolved', statusDetails: {} })}
      >
        {status === 'resolved' ? 'Unresolve' : 'Stop ignoring'}
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className={`${ui.button} ${ui.primary}`}
        disabled={disabled}
        onClick={() => onChange({ status: 'resolved', statusDetails: {} })}
      >
        Resolve
      </button>
      <Menu
        label="More resolve"
        disabled={disabled}
        items={[
          {
            label: 'Resolve in the next release',
            onSelect: () => onChange({ status: 'resolved', statusDetails: { inNextRelease: true } }),
          },
        ]}
      />
      <Menu
        label="Ignore"
        disabled={disabled}
        items={[
          { label: 'Ignore forever', onSelect: () => onChange({ status: 'ignored', statusDetails: {} }) },
          ...DURATIONS.map(([label, minutes]) => ({
            section: 'For',
            label: `for ${label}`,
            onSelect: () => onChange({ status: 'ignored', statusDetails: { ignoreDuration: minutes } }),
          })),
          ...COUNTS.map((n) => ({
            section: 'Until',
            label: `until ${n.toLocaleString()} more events`,
            onSelect: () => onChange({ status: 'ignored', statusDetails: { ignoreCount: n } }),
          })),
        ]}
      />
    </>
  );
}
