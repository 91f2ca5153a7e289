'use client';
// Tabs of SDK setup snippets for one DSN, each with a copy button.
import { useState } from 'react';
import { CopyButton } from '../ui/CopyButton';
import { snippetIdFor, snippets } from './snippets';
import ui from '../ui/ui.module.css';

export function SetupSnippets({
  dsn,
  platform,
  org,
  project,
}: {
  dsn: string;
  platform?: string | null;
  org?: string;
  project?: string;
}) {
  const all = snippets(dsn, { org, project });
  const [active, setActive] = useState(snippetIdFor(platform));
  const current = all.find((s) => s.id === active) ?? all[0];
  return (
    <div>
      <div className={ui.tabs} role="tablist" aria-label="SDK">
        {all.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            aria-selected={s.id === current.id}
            className={`${ui.tab} ${s.id === current.id ? ui.tabActive : ''}`}
            onClick={() => setActive(s.id)}
          >
            {s.name}
          </button>
        ))}
      </div>
      <div style={{ position: 'relative' }}>
        <pre className={ui.code} data-testid="setup-snippet">
          {current.code}
        </pre>
        <div style={{ position: 'absolute', top: 6, right: 6 }}>
          <CopyButton value={current.code} label="Copy snippet" />
        </div>
      </div>
    </div>
  );
}
