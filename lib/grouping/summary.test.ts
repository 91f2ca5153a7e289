import { describe, expect, it } from 'vitest';
import { normalizeEvent } from '@/lib/events/normalize';
import { readFixture } from '@/tests/fixtures/sdkEnvelopes';
import { summarizeEvent } from './summary';
import { browserEvent, goEvent, javaEvent, normalized, pythonEvent, RECEIVED_AT } from '@/tests/fixtures/sampleEvents';

const summarize = (raw: Record<string, unknown>) => summarizeEvent(normalized(raw));
const fixture = (prefix: string) => normalizeEvent(readFixture(prefix).payload, { receivedAt: RECEIVED_AT });

describe('summarizeEvent on captured SDK payloads', () => {
  it('@sentry/node exception: type and value, culprit from the last in-app frame', () => {
    expect(summarizeEvent(fixture('02'))).toEqual({
      title: "TypeError: Cannot read properties of null (reading 'total')",
      culprit: 'fx-node in inner',
      type: 'error',
      metadata: {
        type: 'TypeError',
        value: "Cannot read properties of null (reading 'total')",
        filename: '/srv/app/fx-node.mjs',
        function: 'inner',
      },
    });
  });

  it('@sentry/node captureMessage: the typeless synthetic exception is titled by its value', () => {
    expect(summarizeEvent(fixture('03'))).toMatchObject({
      title: 'queue depth above 1000',
      culprit: 'fx-node in ?',
      type: 'error',
    });
  });

  it('sentry-cli message: the formatted logentry, no culprit', () => {
    expect(summarizeEvent(fixture('05'))).toEqual({
      title: 'backup of /var/db failed',
      culprit: '',
      type: 'default',
      metadata: { title: 'backup of /var/db failed' },
    });
  });
});

describe('summarizeEvent on other SDK shapes', () => {
  it.each([
    ['python', pythonEvent(), "KeyError: 'user-17'", 'shop.cart in load_user'],
    [
      'java',
      javaEvent(),
      'IllegalStateException: Order 1004 is already paid',
      'com.acme.shop.OrderService in lambda$pay$45',
    ],
    [
      'go',
      goEvent(),
      '*errors.errorString: sql: no rows in result set',
      'github.com/acme/shop/server in (*Server).handleOrder.func1',
    ],
    [
      'browser',
      browserEvent({ vendor: 'a1b2c3', main: 'abc12345', chunk: '5ZXK' }),
      "TypeError: Cannot read properties of undefined (reading 'map')",
      'https://shop.example.com/assets/chunk-5ZXK.js in ?',
    ],
  ])('%s', (_name, raw, title, culprit) => {
    expect(summarize(raw)).toMatchObject({ title, culprit, type: 'error' });
  });
});

describe('summarizeEvent titles', () => {
  const long = 'x'.repeat(300);
  it.each([
    [
      'outermost exception of a chain',
      {
        exception: {
          values: [
            { type: 'KeyError', value: 'uid' },
            { type: 'CheckoutError', value: 'checkout failed' },
          ],
        },
      },
      'CheckoutError: checkout failed',
    ],
    [
      'first line of a multi-line value',
      { exception: { values: [{ type: 'SyntaxError', value: 'Unexpected token\n  at line 3' }] } },
      'SyntaxError: Unexpected token',
    ],
    ['type only', { exception: { values: [{ type: 'MemoryError' }] } }, 'MemoryError'],
    ['value only', { exception: { values: [{ value: 'boom' }] } }, 'boom'],
    ['value cut to 200', { exception: { values: [{ type: 'E', value: long }] } }, `E: ${'x'.repeat(197)}...`],
    ['message, first line', { message: 'disk full\non /var' }, 'disk full'],
    ['nothing', {}, '<unlabeled event>'],
  ])('%s', (_name, raw, title) => {
    expect(summarize(raw as Record<string, unknown>).title).toBe(title);
  });
});

describe('summarizeEvent culprits', () => {
  it.each([
    [
      'last frame when none is in-app',
      {
        exception: {
          values: [
            {
              type: 'E',
              stacktrace: {
                frames: [
                  { module: 'a', function: 'f' },
                  { module: 'b', function: 'g' },
                ],
              },
            },
          ],
        },
      },
      'b in g',
    ],
    [
      'outermost exception that has frames',
      {
        exception: {
          values: [
            { type: 'A', stacktrace: { frames: [{ module: 'inner', function: 'f', in_app: true }] } },
            { type: 'B' },
          ],
        },
      },
      'inner in f',
    ],
    [
      'crashed thread',
      {
        message: 'x',
        threads: {
          values: [
            { id: 1, stacktrace: { frames: [{ filename: 'a.c', function: 'idle' }] } },
            { id: 2, crashed: true, stacktrace: { frames: [{ filename: 'b.c', function: 'crash' }] } },
          ],
        },
      },
      'b.c in crash',
    ],
    [
      'transaction when there are no frames',
      { message: 'x', transaction: '/orders/{id}', request: { url: 'https://x.io/orders/7' } },
      '/orders/{id}',
    ],
    [
      'request URL without its query',
      { message: 'x', request: { url: 'https://x.io/orders/7?token=abc' } },
      'https://x.io/orders/7',
    ],
    ['nothing', { message: 'x' }, ''],
  ])('%s', (_name, raw, culprit) => {
    expect(summarize(raw as Record<string, unknown>).culprit).toBe(culprit);
  });
});
