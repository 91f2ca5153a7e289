import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readFixture } from '@/tests/fixtures/sdkEnvelopes';
import { GROUPING_VERSION, groupEvent } from './hash';
import { browserEvent, goEvent, javaEvent, normalized, pythonEvent, RECEIVED_AT } from '@/tests/fixtures/sampleEvents';
import { normalizeEvent } from '@/lib/events/normalize';

const group = (raw: Record<string, unknown>) => groupEvent(normalized(raw));
const hashOf = (raw: Record<string, unknown>) => group(raw).hash;

function fixtureEvent(prefix: string, patch: Record<string, unknown> = {}) {
  const { header, payload } = readFixture(prefix);
  return normalizeEvent(
    { ...(payload as object), ...patch },
    { receivedAt: RECEIVED_AT, eventId: header.event_id as string },
  );
}

const message = (text: string) => ({ message: text, platform: 'python' });
const bareException = (type: string, value: string) => ({ exception: { values: [{ type, value }] } });

describe('groupEvent on captured SDK payloads', () => {
  it('groups the @sentry/node TypeError by its in-app frames and type', () => {
    const result = groupEvent(fixtureEvent('02'));
    expect(result.variant).toBe('stacktrace');
    expect(result.components).toEqual(['fx-node', 'fx-node in inner', 'TypeError']);
    expect(result.hash).toBe(createHash('md5').update('fx-node\u0000fx-node in inner\u0000TypeError').digest('hex'));
    expect(result.groupingVersion).toBe(GROUPING_VERSION);
  });

  it("keeps the message of the node SDK's typeless synthetic exception (captureMessage with a stack)", () => {
    const result = groupEvent(fixtureEvent('03'));
    expect(result.components).toEqual(['fx-node', 'queue depth above <int>']);
    const other = groupEvent(
      fixtureEvent('03', {
        message: 'cache miss',
        exception: {
          values: [{ value: 'cache miss', stacktrace: fixtureEvent('03').exception!.values[0].stacktrace }],
        },
      }),
    );
    expect(other.hash).not.toBe(result.hash);
  });

  it('groups the sentry-cli message by its template, whatever the params', () => {
    const a = groupEvent(fixtureEvent('05'));
    const b = groupEvent(fixtureEvent('05', { logentry: { message: 'backup of %s failed', params: ['/var/www'] } }));
    expect(a).toMatchObject({ variant: 'message', components: ['backup of %s failed'] });
    expect(b.hash).toBe(a.hash);
  });
});

describe('groupEvent: what must group together', () => {
  it.each([
    [
      "KeyError: 'user-17' vs 'user-42' at the same place",
      pythonEvent({ value: "'user-17'" }),
      pythonEvent({ value: "'user-42'" }),
    ],
    [
      "KeyError: 'user-17' vs 'user-42' without a stack",
      bareException('KeyError', "'user-17'"),
      bareException('KeyError', "'user-42'"),
    ],
    [
      'card declined for order 1004 vs 1005 (message)',
      message('card declined for order 1004'),
      message('card declined for order 1005'),
    ],
    [
      'card declined for order 1004 vs 1005 (exception without frames)',
      bareException('PaymentError', 'card declined for order 1004'),
      bareException('PaymentError', 'card declined for order 1005'),
    ],
    ['same code path after a deploy moved the lines', pythonEvent({ line: 12 }), pythonEvent({ line: 40 })],
    [
      'minified bundles from two builds',
      browserEvent({ vendor: 'a1b2c3', main: 'abc12345', chunk: '5ZXK' }),
      browserEvent({ vendor: '9f8e7d', main: 'def67890', chunk: 'Q7AB', col: 18400 }),
    ],
    [
      'Java lambdas renumbered by the compiler',
      javaEvent({ lambdaId: 45 }),
      javaEvent({ lambdaId: 61, lambdaAddr: '0x0000000801a2c3d8', line: 60 }),
    ],
    ['Go closures renumbered', goEvent({ closure: 'func1' }), goEvent({ closure: 'func3', line: 90 })],
    [
      'UUID, IP, email and timestamp in an exception value',
      bareException(
        'Timeout',
        'job 2b7c6c4e-1f0a-4b7e-9c3d-0a1b2c3d4e5f from 10.0.0.12 for a@b.io at 2026-11-24T00:34:39Z',
      ),
      bareException(
        'Timeout',
        'job 9e0c6c4e-1f0a-4b7e-9c3d-0a1b2c3d4e60 from 10.0.0.99 for c@d.org at 2026-11-25T10:00:00Z',
      ),
    ],
  ])('%s', (_name, a, b) => {
    expect(hashOf(a)).toBe(hashOf(b));
  });

  it('groups two totally different events with fingerprint ["my-key"]', () => {
    const a = group({ ...pythonEvent(), fingerprint: ['my-key'] });
    const b = group({ ...message('disk full'), fingerprint: ['my-key'] });
    expect(a).toMatchObject({ variant: 'fingerprint', components: ['my-key'] });
    expect(b.hash).toBe(a.hash);
  });

  it('treats fingerprint ["{{ default }}"] alone as no fingerprint', () => {
    expect(group({ ...pythonEvent(), fingerprint: ['{{ default }}'] })).toEqual(group(pythonEvent()));
  });
});

describe('groupEvent: what must stay apart', () => {
  it.each([
    ['same type from a different in-app function', pythonEvent({ fn: 'load_user' }), pythonEvent({ fn: 'load_cart' })],
    [
      'same type from a different in-app file',
      pythonEvent({ file: 'shop/cart.py' }),
      pythonEvent({ file: 'shop/orders.py' }),
    ],
    [
      'different exception types at the same place',
      bareException('KeyError', "'a'"),
      bareException('IndexError', "'a'"),
    ],
    ['different messages', message('card declined for order 1004'), message('card expired for order 1004')],
  ])('%s', (_name, a, b) => {
    expect(hashOf(a)).not.toBe(hashOf(b));
  });

  it('fingerprint {{ default }} + tenant differs per tenant and from the plain default', () => {
    const plain = group(pythonEvent());
    const a = group({ ...pythonEvent(), fingerprint: ['{{ default }}', 'tenant-a'] });
    const b = group({ ...pythonEvent(), fingerprint: ['{{default}}', 'tenant-b'] });
    expect(a.variant).toBe('fingerprint');
    expect(a.components).toEqual([...plain.components, 'tenant-a']);
    expect(new Set([plain.hash, a.hash, b.hash]).size).toBe(3);
  });
});

describe('groupEvent: frames considered', () => {
  it('uses only in-app frames when any frame is in-app', () => {
    const a = pythonEvent();
    const b = pythonEvent();
    (b.exception as any).values[0].stacktrace.frames[0].function = 'get_response_async';
    expect(group(a).components).toEqual(['shop.views in checkout', 'shop.cart in load_user', 'KeyError']);
    expect(hashOf(a)).toBe(hashOf(b));
  });

  it('uses all frames when no frame is in-app', () => {
    const raw = goEvent();
    for (const f of (raw.exception as any)[0].stacktrace.frames) f.in_app = false;
    expect(group(raw).components).toEqual([
      'main in main',
      'github.com/acme/shop/server in (*Server).handleOrder.func',
      'database/sql in (*DB).QueryRow',
      '*errors.errorString',
    ]);
  });

  it('names Java and browser frames without build noise', () => {
    expect(group(javaEvent()).components).toEqual([
      'com.acme.shop.OrderController in pay',
      'com.acme.shop.OrderService$$Lambda in apply',
      'com.acme.shop.OrderService in lambda$pay$',
      'IllegalStateException',
    ]);
    expect(group(browserEvent({ vendor: 'a1b2c3', main: 'abc12345', chunk: '5ZXK' })).components).toEqual([
      'vendor.bundle.js',
      'main.js in renderCart',
      'chunk.js',
      'TypeError',
    ]);
  });

  it('lets every value of an exception chain contribute its frames and type', () => {
    const cause = {
      type: 'KeyError',
      value: "'uid'",
      stacktrace: { frames: [{ module: 'shop.cart', function: 'load_user', in_app: true }] },
    };
    const outer = {
      type: 'CheckoutError',
      value: 'checkout failed',
      stacktrace: { frames: [{ module: 'shop.views', function: 'checkout', in_app: true }] },
    };
    expect(group({ exception: { values: [cause, outer] } }).components).toEqual([
      'shop.cart in load_user',
      'KeyError',
      'shop.views in checkout',
      'CheckoutError',
    ]);
  });

  it('groups a message by the current thread stack and its template when there is no exception', () => {
    const raw = {
      logentry: { message: 'retrying %s', params: ['db-1'] },
      threads: {
        values: [
          {
            id: 1,
            current: true,
            stacktrace: { frames: [{ module: 'worker.loop', function: 'run', in_app: true, lineno: 9 }] },
          },
        ],
      },
    };
    expect(group(raw)).toMatchObject({ variant: 'stacktrace', components: ['worker.loop in run', 'retrying %s'] });
  });

  it('falls back to type and parametrized value when no frame is usable', () => {
    const raw = {
      exception: {
        values: [
          {
            type: 'OSError',
            value: 'No space left on /dev/sda1 (errno 28)',
            stacktrace: { frames: [{ filename: '<anonymous>', function: '?', lineno: 3 }] },
          },
        ],
      },
    };
    expect(group(raw)).toMatchObject({
      variant: 'exception',
      components: ['OSError', 'No space left on /dev/sda1 (errno <int>)'],
    });
  });
});

describe('groupEvent: message and fallback variants', () => {
  it.each([
    [
      'formatted message, parametrized',
      { message: 'card declined for order 1004' },
      'message',
      ['card declined for order <int>'],
    ],
    [
      'logentry template wins over the formatted text',
      { logentry: { message: 'user %s logged in', params: ['ann'], formatted: 'user ann logged in' } },
      'message',
      ['user %s logged in'],
    ],
    ['nothing at all', {}, 'fallback', ['<no message>']],
  ])('%s', (_name, raw, variant, components) => {
    expect(group(raw as Record<string, unknown>)).toMatchObject({ variant, components });
  });

  it('expands {{ transaction }} and {{ type }} in fingerprints', () => {
    const raw = { ...pythonEvent(), fingerprint: ['{{ transaction }}', '{{ type }}', 'x'] };
    expect(group(raw).components).toEqual(['/checkout/', 'KeyError', 'x']);
  });
});
