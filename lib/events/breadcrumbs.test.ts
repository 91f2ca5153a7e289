import { describe, expect, it } from 'vitest';
import { crumbLine, crumbSearchText, crumbType } from './breadcrumbs.ts';

describe('crumbLine', () => {
  it.each([
    // @sentry/node's http integration: no message (the SDK sends none), everything in data.
    [
      { type: 'http', category: 'http', data: { method: 'get', url: 'https://api.test/cart', status_code: 200 } },
      { kind: 'http', method: 'GET', url: 'https://api.test/cart', status: 200, statusClass: '2xx' },
    ],
    [
      { type: 'http', category: 'fetch', message: null, data: { method: 'POST', url: '/pay', status_code: 503 } },
      { kind: 'http', method: 'POST', url: '/pay', status: 503, statusClass: '5xx' },
    ],
    [
      { category: 'xhr', data: { url: '/x' } },
      { kind: 'http', method: 'GET', url: '/x' },
    ],
    [
      { category: 'navigation', data: { from: '/a', to: '/b' } },
      { kind: 'navigation', from: '/a', to: '/b' },
    ],
    [
      { type: 'query', category: 'query', message: 'SELECT 1' },
      { kind: 'query', sql: 'SELECT 1' },
    ],
    [
      { category: 'console', message: 'hello', level: 'log' },
      { kind: 'text', text: 'hello' },
    ],
    [
      { category: 'ui.click', message: null },
      { kind: 'text', text: '' },
    ],
  ])('%j', (c, want) => expect(crumbLine(c)).toEqual(want));

  it('types by type, else category', () => {
    expect(crumbType({ type: 'http', category: 'fetch' })).toBe('http');
    expect(crumbType({ type: 'default', category: 'console' })).toBe('console');
    expect(crumbType({})).toBe('default');
  });

  it('searches the rendered line and the data', () => {
    expect(crumbSearchText({ type: 'http', data: { method: 'GET', url: '/cart', status_code: 404 } })).toContain(
      'get /cart 404',
    );
  });
});
