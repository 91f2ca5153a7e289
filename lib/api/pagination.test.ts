import { describe, expect, it } from 'vitest';
import { linkHeader, pageFromUrl, paginate } from './pagination.ts';
import { HttpError } from './respond.ts';

const u = (q: string) => new URL(`http://x.test/api/0/things/${q}`);

describe('pageFromUrl', () => {
  it('starts at 0 with the default limit', () => expect(pageFromUrl(u(''))).toEqual({ offset: 0, limit: 100 }));
  it('reads a Sentry cursor', () =>
    expect(pageFromUrl(u('?cursor=0:200:0&per_page=50'))).toEqual({ offset: 200, limit: 50 }));
  it('caps per_page', () => expect(pageFromUrl(u('?per_page=5000')).limit).toBe(100));
  it.each(['abc', '0:x:0', '1:2', '0:-1:0'])('rejects cursor %s with 400', (c) => {
    expect(() => pageFromUrl(u(`?cursor=${c}`))).toThrow(HttpError);
  });
  it('rejects a zero per_page', () => expect(() => pageFromUrl(u('?per_page=0'))).toThrow(/per_page/));
});

describe('linkHeader', () => {
  it('says there is no previous page on the first page and a next page when there is more', () => {
    const h = linkHeader(u('?query=is:unresolved'), { offset: 0, limit: 2 }, true);
    expect(h).toContain('rel="previous"; results="false"; cursor="0:0:1"');
    expect(h).toContain('rel="next"; results="true"; cursor="0:2:0"');
    expect(h).toContain('query=is%3Aunresolved');
  });
});

describe('paginate', () => {
  it('walks all rows page by page', async () => {
    const all = Array.from({ length: 5 }, (_, i) => i);
    const seen: number[] = [];
    let url = u('?per_page=2');
    for (let guard = 0; guard < 10; guard++) {
      const { rows, headers } = await paginate(url, async (offset, take) => all.slice(offset, offset + take));
      seen.push(...rows);
      const next = /<([^>]+)>; rel="next"; results="true"/.exec(headers.link);
      if (!next) break;
      url = new URL(next[1]);
    }
    expect(seen).toEqual(all);
  });
});
