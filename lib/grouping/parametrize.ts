// Replaces the variable parts of a message (ids, numbers, addresses, quoted values) so the same error groups together.

// Applied in order: quoted values first (they hold anything), then the specific shapes before the generic
// ones (a UUID before its hex runs, an IP or date before its numbers).
const RULES: Array<[RegExp, string | ((m: string) => string)]> = [
  // `can't` and `O'Brien` are not quotes: an opening quote must not follow a word character.
  [/(?<!\w)'[^'\n]*'(?!\w)|"[^"\n]*"|`[^`\n]*`/g, '<quoted>'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`<>]+/gi, '<url>'],
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/gi, '<email>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w:])/g, '<date>'],
  [/\b\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, '<time>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, '<ip>'],
  // IPv6 needs `::` or all eight groups, so times (12:30:00) and C++ scopes (std::vector) stay.
  [
    /(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/gi,
    (m) => (/[0-9a-f]/i.test(m) && (m.includes('::') || m.split(':').length === 8) ? '<ip>' : m),
  ],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  // A run of 8+ hex digits with a letter in it is an id or a hash; all-digit runs are numbers below.
  [/\b(?=[0-9]*[a-f])[0-9a-f]{8,}\b/gi, '<hex>'],
  [/(?<![\w.])\d+\.\d+(?![\d.])/g, '<float>'],
  [/(?<![\w.])\d+/g, '<int>'],
];

export function parametrize(message: string): string {
  let out = message;
  for (const [re, replacement] of RULES) out = out.replace(re, replacement as string);
  return out;
}
