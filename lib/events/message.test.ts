import { describe, expect, it } from 'vitest';
import { formatMessage, normalizeMessage } from './message';

describe('formatMessage', () => {
  it.each([
    ['backup of %s failed', ['/var/db'], 'backup of /var/db failed'],
    ['%d items, %i left', [3.7, '2'], '3 items, 2 left'],
    ['took %f s / %.2f s', [1.5, 2.345], 'took 1.500000 s / 2.35 s'],
    ['100%% of %s', ['disk'], '100% of disk'],
    ['%s and %s', ['one'], 'one and %s'],
    ['user {} bought {}', ['ann', 3], 'user ann bought 3'],
    ['{1} before {0}', ['a', 'b'], 'b before a'],
    ['{name} stays', ['x'], '{name} stays'],
    ['%s / %r', [{ id: 1 }, null], '{"id":1} / null'],
    ['%d apples', ['many'], 'many apples'],
    ['100%% done', [], '100%% done'],
  ])('%j with %j → %j', (template, params, expected) => {
    expect(formatMessage(template, params)).toBe(expected);
  });
});

describe('normalizeMessage', () => {
  it.each([
    ['plain string', { message: 'hello' }, { message: 'hello' }],
    ['blank string', { message: '   ' }, {}],
    [
      'message object',
      { message: { message: 'hi %s', params: ['bob'] } },
      { message: 'hi bob', logentry: { message: 'hi %s', params: ['bob'], formatted: 'hi bob' } },
    ],
    [
      'formatted given wins',
      { logentry: { message: 'hi %s', params: ['bob'], formatted: 'Hi, Bob!' } },
      { message: 'Hi, Bob!', logentry: { message: 'hi %s', params: ['bob'], formatted: 'Hi, Bob!' } },
    ],
    [
      'logentry wins over message',
      { logentry: { message: 'from logentry' }, message: 'from message' },
      { message: 'from logentry', logentry: { message: 'from logentry', formatted: 'from logentry' } },
    ],
    [
      'logentry without text falls back to message',
      { logentry: { params: [1] }, message: 'plain' },
      { message: 'plain', logentry: { params: [1], formatted: 'plain' } },
    ],
    ['number message', { message: 404 }, { message: '404' }],
  ])('%s', (_n, raw, expected) => {
    expect(normalizeMessage(raw)).toEqual(expected);
  });

  it('cuts messages at 8 KB but keeps them', () => {
    const out = normalizeMessage({ message: 'a'.repeat(20_000) });
    expect(out.message).toHaveLength(8192);
    expect(out.message!.endsWith('...')).toBe(true);
  });
});
