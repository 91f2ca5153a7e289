// Pure: the small markdown comments use (paragraphs, fenced code, `code`, **bold**, *italic*, http(s) links,
// @mentions) parsed into nodes the dashboard renders as React text: no HTML from the comment ever reaches the page.

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'strong'; v: string }
  | { t: 'em'; v: string }
  | { t: 'link'; v: string; href: string }
  | { t: 'mention'; v: string };

export type Block = { t: 'p'; children: Inline[] } | { t: 'pre'; v: string } | { t: 'li'; children: Inline[] };

const INLINE = new RegExp(
  [
    /`([^`\n]+)`/, // 1 code
    /\*\*([^*\n]+)\*\*/, // 2 strong
    /\*([^*\n]+)\*/, // 3 em
    /\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/, // 4 text, 5 href
    /(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/, // 6 bare URL
    /(^|[^\w.@])(@[\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)/, // 7 before, 8 mention
  ]
    .map((r) => r.source)
    .join('|'),
  'g',
);

export function inline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    let start = m.index!;
    if (m[8] !== undefined) start += m[7].length;
    if (start > last) out.push({ t: 'text', v: text.slice(last, start) });
    if (m[1] !== undefined) out.push({ t: 'code', v: m[1] });
    else if (m[2] !== undefined) out.push({ t: 'strong', v: m[2] });
    else if (m[3] !== undefined) out.push({ t: 'em', v: m[3] });
    else if (m[4] !== undefined) out.push({ t: 'link', v: m[4], href: m[5] });
    else if (m[6] !== undefined) out.push({ t: 'link', v: m[6], href: m[6] });
    else out.push({ t: 'mention', v: m[8].replace(/\.+$/, '') });
    last = m.index! + m[0].length;
    if (m[8] !== undefined && m[8].endsWith('.')) last -= m[8].length - m[8].replace(/\.+$/, '').length;
  }
  if (last < text.length) out.push({ t: 'text', v: text.slice(last) });
  return out;
}

export function markdownBlocks(src: string): Block[] {
  const blocks: Block[] = [];
  const parts = src.replace(/\r\n/g, '\n').split(/^```[^\n]*\n?/m);
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      blocks.push({ t: 'pre', v: part.replace(/\n$/, '') });
      return;
    }
    for (const para of part.split(/\n{2,}/)) {
      const lines = para.split('\n').filter((l) => l.trim() !== '');
      if (lines.length === 0) continue;
      if (lines.every((l) => /^\s*[-*] /.test(l)))
        lines.forEach((l) => blocks.push({ t: 'li', children: inline(l.replace(/^\s*[-*] /, '')) }));
      else blocks.push({ t: 'p', children: inline(lines.join('\n')) });
    }
  });
  return blocks;
}
