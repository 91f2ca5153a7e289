// What an alert says, stored as a delivery's payload and rendered per channel (text, markdown, HTML).
// Event data is untrusted: HTML is escaped, chat markdown has its link and emphasis characters neutralized.
import { issuePath, shortId } from '../issues/shortId.ts';

export interface IssueAlert {
  kind: 'issue';
  /** Why it fired: "New issue", "Regression", "Seen 12 times in 5 minutes", ... */
  reason: string;
  rule: { id: number; name: string };
  org: string;
  project: string;
  issue: {
    id: number;
    shortId: string;
    title: string;
    culprit: string;
    level: string;
    eventCount: number;
    userCount: number;
    firstSeen: string;
    lastSeen: string;
    url: string;
  };
  event: {
    eventId: string;
    environment: string;
    release: string | null;
    level: string;
    timestamp: string;
    stack: string[];
  };
  /** Recipients for "notify the assignee" deliveries (instead of the channel's own list). */
  to?: string[];
}

export interface TestAlert {
  kind: 'test';
  org: string;
  channel: string;
  requestedBy: string;
  url: string;
}

export interface DigestAlert {
  kind: 'digest';
  /** Ids of the deliveries merged into this one. */
  deliveryIds: string[];
  items: IssueAlert[];
}

export type AlertMessage = IssueAlert | TestAlert | DigestAlert;

type Frame = {
  filename?: string;
  abs_path?: string;
  module?: string;
  function?: string;
  lineno?: number;
  colno?: number;
  in_app?: boolean;
  context_line?: string;
};

/** Up to `max` lines of the crashing exception's stack, innermost call first, preferring the app's own frames. */
export function stackExcerpt(data: unknown, max = 6): string[] {
  const d = (data ?? {}) as {
    exception?: { values?: { type?: string; value?: string; stacktrace?: { frames?: Frame[] } }[] };
  };
  const values = d.exception?.values ?? [];
  const exc = values[values.length - 1];
  if (!exc) return [];
  const lines: string[] = [];
  const head = [exc.type, exc.value].filter(Boolean).join(': ');
  if (head) lines.push(head.slice(0, 300));
  const frames = [...(exc.stacktrace?.frames ?? [])].reverse();
  const app = frames.filter((f) => f.in_app);
  for (const f of (app.length ? app : frames).slice(0, max - lines.length)) {
    const where = [f.filename ?? f.abs_path ?? f.module ?? '?', f.lineno, f.colno]
      .filter((x) => x !== undefined)
      .join(':');
    lines.push(`  at ${f.function ?? '<anonymous>'} (${where})`);
    if (f.context_line?.trim() && lines.length < max) lines.push(`      ${f.context_line.trim().slice(0, 160)}`);
  }
  return lines.slice(0, max);
}

/** One-line subject: `[Faultline] New issue: TypeError: x is undefined (SHOP-1A)`. */
export function subject(m: AlertMessage): string {
  if (m.kind === 'test') return `[Faultline] Test message for channel "${m.channel}"`;
  if (m.kind === 'digest') return `[Faultline] ${m.items.length} alerts (digest)`;
  return `[Faultline] ${m.reason}: ${oneLine(m.issue.title, 150)} (${m.issue.shortId})`;
}

const oneLine = (s: string, n: number) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
};

function facts(a: IssueAlert): [string, string][] {
  return [
    ['Project', a.project],
    ['Level', a.event.level],
    ['Events', String(a.issue.eventCount)],
    ['Users affected', String(a.issue.userCount)],
    ['Environment', a.event.environment || '-'],
    ['Release', a.event.release ?? '-'],
    ['First seen', a.issue.firstSeen],
    ['Rule', a.rule.name],
  ];
}

export function renderText(m: AlertMessage): string {
  if (m.kind === 'test')
    return (
      `Faultline test message for channel "${m.channel}" in organization ${m.org}, sent by ` +
      `${m.requestedBy}.\n${m.url}`
    );
  if (m.kind === 'digest') {
    return [
      `${m.items.length} alerts were merged into this message (the channel's rate limit was reached):`,
      '',
      ...m.items.map(
        (a) =>
          `- ${a.reason}: ${oneLine(a.issue.title, 120)} (${a.issue.shortId}, ${a.issue.eventCount} events) ` +
          `${a.issue.url}`,
      ),
    ].join('\n');
  }
  return [
    `${m.reason}: ${m.issue.title}`,
    m.issue.culprit ? `in ${m.issue.culprit}` : '',
    '',
    ...facts(m).map(([k, v]) => `${k}: ${v}`),
    '',
    ...(m.event.stack.length ? ['Stack trace:', ...m.event.stack, ''] : []),
    m.issue.url,
  ]
    .filter((l, i, all) => l !== '' || all[i - 1] !== '')
    .join('\n');
}

/** Neutralizes markdown that would turn event text into links, emphasis or headings in chat apps. */
export function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\n/g, ' ');
}

/** Cuts a string to at most `max` UTF-8 bytes on a character boundary, ending in "…" when cut. */
export function truncateBytes(s: string, max: number): string {
  const b = Buffer.from(s, 'utf8');
  if (b.length <= max) return s;
  return (
    b
      .subarray(0, max - 3)
      .toString('utf8')
      .replace(/\uFFFD+$/, '') + '…'
  );
}

/**
 * Markdown for DingTalk, WeCom and Feishu robots (their subset: headings, bold, links, lists, quotes), at most
 * `budgetBytes` of UTF-8: robots limit bytes, and a CJK character is 3 of them. A digest lists as many alerts as
 * fit and links the rest.
 */
export function renderMarkdown(m: AlertMessage, budgetBytes: number): string {
  return truncateBytes(markdown(m, budgetBytes), budgetBytes);
}

function markdown(m: AlertMessage, budget: number): string {
  if (m.kind === 'test')
    return (
      `### Faultline test message\n\nChannel **${escapeMarkdown(m.channel)}** in organization ` +
      `${escapeMarkdown(m.org)} works.\n\nSent by ${escapeMarkdown(m.requestedBy)}. [Open Faultline](${m.url})`
    );
  if (m.kind === 'digest') {
    const lines = [
      `### Faultline: ${m.items.length} alerts`,
      '',
      `The channel's rate limit was reached, so these alerts were merged:`,
      '',
    ];
    // Room for the "… and N more" line.
    let size = Buffer.byteLength(lines.join('\n')) + 200;
    let shown = 0;
    for (const a of m.items) {
      const line =
        `- ${escapeMarkdown(a.reason)}: ` +
        `[${escapeMarkdown(oneLine(a.issue.title, 80))}](${a.issue.url}) ${a.issue.shortId} · ` +
        `${a.issue.eventCount} events`;
      const bytes = Buffer.byteLength(line) + 1;
      if (size + bytes > budget) break;
      lines.push(line);
      size += bytes;
      shown++;
    }
    if (shown < m.items.length) {
      const list = m.items[0].issue.url.replace(/\/issues\/\d+\/$/, '/issues/');
      lines.push(`- … and ${m.items.length - shown} more: [all issues](${list})`);
    }
    return lines.join('\n');
  }
  return [
    `### ${escapeMarkdown(m.reason)}: ${escapeMarkdown(oneLine(m.issue.title, 200))}`,
    '',
    m.issue.culprit ? `**${escapeMarkdown(m.issue.culprit)}**` : '',
    '',
    ...facts(m).map(([k, v]) => `- ${k}: ${escapeMarkdown(v)}`),
    '',
    ...(m.event.stack.length ? m.event.stack.map((l) => `> ${escapeMarkdown(l.trim())}`).concat(['']) : []),
    `[${m.issue.shortId} in Faultline](${m.issue.url})`,
  ].join('\n');
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderHtml(m: AlertMessage): string {
  const wrap = (body: string) =>
    `<!doctype html><html><body style="font:14px/1.5 ` +
    `system-ui,sans-serif;color:#1d1c28;max-width:720px">${body}</body></html>`;
  if (m.kind === 'test') {
    return wrap(
      `<h2>Faultline test message</h2><p>Channel <b>${escapeHtml(m.channel)}</b> in organization ` +
        `${escapeHtml(m.org)} works. Sent by ${escapeHtml(m.requestedBy)}.</p><p><a ` +
        `href="${escapeHtml(m.url)}">Open Faultline</a></p>`,
    );
  }
  if (m.kind === 'digest') {
    const rows = m.items.map(
      (a) =>
        `<li>${escapeHtml(a.reason)}: <a ` +
        `href="${escapeHtml(a.issue.url)}">${escapeHtml(oneLine(a.issue.title, 150))}</a> ` +
        `(${escapeHtml(a.issue.shortId)}, ${a.issue.eventCount} events)</li>`,
    );
    return wrap(`<h2>${m.items.length} alerts</h2><ul>${rows.join('')}</ul>`);
  }
  const table = facts(m)
    .map(
      ([k, v]) =>
        `<tr><th align="left" style="padding:2px 12px 2px ` +
        `0;color:#6b6880;font-weight:normal">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`,
    )
    .join('');
  const stack = m.event.stack.length
    ? `<pre style="background:#f7f6fb;padding:8px;overflow:auto;font-size:12px">` +
      `${escapeHtml(m.event.stack.join('\n'))}</pre>`
    : '';
  return wrap(
    `<p style="color:#6b6880;margin:0">${escapeHtml(m.reason)} · ${escapeHtml(m.issue.shortId)}</p>` +
      `<h2 style="margin:4px 0">${escapeHtml(m.issue.title)}</h2>` +
      (m.issue.culprit ? `<p style="margin:0 0 12px;font-family:monospace">${escapeHtml(m.issue.culprit)}</p>` : '') +
      `<table>${table}</table>${stack}` +
      `<p><a href="${escapeHtml(m.issue.url)}" style="color:#6c47ff">View ${escapeHtml(m.issue.shortId)} in ` +
      `Faultline</a></p>`,
  );
}

/** The issue as every alert message describes it (rules and issue followers alike). */
export function issueFacts(
  issue: {
    id: number;
    shortNumber: number;
    title: string;
    culprit: string;
    level: string;
    eventCount: bigint | number;
    userCount: number;
    firstSeen: Date;
    lastSeen: Date;
    project: { slug: string; org: { slug: string } };
  },
  baseUrl: string,
): IssueAlert['issue'] {
  return {
    id: issue.id,
    shortId: shortId(issue.project.slug, issue.shortNumber),
    title: issue.title,
    culprit: issue.culprit,
    level: issue.level,
    eventCount: Number(issue.eventCount),
    userCount: issue.userCount,
    firstSeen: issue.firstSeen.toISOString(),
    lastSeen: issue.lastSeen.toISOString(),
    url: baseUrl + issuePath(issue.project.org.slug, issue.id),
  };
}
