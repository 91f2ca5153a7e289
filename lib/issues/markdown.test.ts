import { describe, expect, it } from 'vitest';
import { inline, markdownBlocks } from './markdown.ts';

describe('comment markdown', () => {
  it('parses inline marks, links and mentions; HTML stays text', () => {
    expect(inline('**Fixed** in `a.ts`, see [PR](https://x.test/1) @alice. <img src=x onerror=alert(1)>')).toEqual([
      { t: 'strong', v: 'Fixed' },
      { t: 'text', v: ' in ' },
      { t: 'code', v: 'a.ts' },
      { t: 'text', v: ', see ' },
      { t: 'link', v: 'PR', href: 'https://x.test/1' },
      { t: 'text', v: ' ' },
      { t: 'mention', v: '@alice' },
      { t: 'text', v: '. <img src=x onerror=alert(1)>' },
    ]);
  });
  it('never links javascript: URLs', () => {
    expect(inline('[x](javascript:alert(1))').every((n) => n.t !== 'link')).toBe(true);
  });
  it('keeps fenced code verbatim and makes lists', () => {
    expect(markdownBlocks('Steps:\n\n- one\n- two\n\n```\nSELECT *\n```')).toEqual([
      { t: 'p', children: [{ t: 'text', v: 'Steps:' }] },
      { t: 'li', children: [{ t: 'text', v: 'one' }] },
      { t: 'li', children: [{ t: 'text', v: 'two' }] },
      { t: 'pre', v: 'SELECT *' },
    ]);
  });
});
