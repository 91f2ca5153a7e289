'use client';
// The HTTP request an event happened in: method and URL, query, headers, body, cookies, environment.
import { KeyValues } from '../ui/KeyValues';
import { Truncated, valueText } from '../ui/Truncated';
import ui from '../ui/ui.module.css';

type Pairs = Array<[string, unknown]>;

function asPairs(v: unknown): Pairs | null {
  if (!v) return null;
  if (Array.isArray(v)) return v.filter((p) => Array.isArray(p)).map((p) => [String(p[0]), p[1]] as [string, unknown]);
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>);
  if (typeof v === 'string') return [['', v]];
  return null;
}

export function RequestView({ data }: { data: unknown }) {
  const r = (data ?? {}) as Record<string, unknown>;
  const sections: Array<[string, unknown]> = [
    ['Query', r.query ?? r.query_string],
    ['Headers', r.headers],
    ['Cookies', r.cookies],
    ['Environment', r.env],
  ];
  return (
    <div data-testid="request">
      <p className={ui.mono} style={{ margin: '0 0 8px', wordBreak: 'break-all' }}>
        <strong>{String(r.method ?? 'GET')}</strong> <Truncated text={String(r.url ?? '')} limit={300} />
      </p>
      {sections.map(([title, v]) => {
        const pairs = asPairs(v);
        if (!pairs?.length) return null;
        return (
          <div key={title} style={{ marginBottom: 10 }}>
            <div className={ui.label}>{title}</div>
            <KeyValues data={pairs} />
          </div>
        );
      })}
      {r.data !== undefined && r.data !== null && r.data !== '' && (
        <div>
          <div className={ui.label}>Body</div>
          <pre className={ui.code} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            <Truncated text={valueText(r.data)} limit={2000} />
          </pre>
        </div>
      )}
    </div>
  );
}
