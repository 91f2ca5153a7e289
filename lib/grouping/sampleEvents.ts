// Test support: hand-written payloads shaped like what the Python, Java, Go and browser SDKs send, normalized.

import { normalizeEvent } from '@/lib/events/normalize';
import type { NormalizedEvent } from '@/lib/events/types';

export const RECEIVED_AT = new Date('2026-11-24T00:34:40Z');

export function normalized(raw: Record<string, unknown>): NormalizedEvent {
  return normalizeEvent(raw, { receivedAt: RECEIVED_AT, clientIp: '203.0.113.7' });
}

/** sentry-python, Django view: `KeyError: 'user-17'` raised under shop.cart.load_user. */
export function pythonEvent(o: { value?: string; fn?: string; file?: string; line?: number } = {}): Record<string, unknown> {
  const file = o.file ?? 'shop/cart.py';
  return {
    platform: 'python',
    sdk: { name: 'sentry.python.django', version: '2.19.0' },
    transaction: '/checkout/',
    exception: {
      values: [
        {
          type: 'KeyError',
          value: o.value ?? "'user-17'",
          mechanism: { type: 'django', handled: false },
          stacktrace: {
            frames: [
              { filename: 'django/core/handlers/base.py', abs_path: '/usr/lib/python3.12/site-packages/django/core/handlers/base.py', module: 'django.core.handlers.base', function: '_get_response', lineno: 197, in_app: false },
              { filename: 'shop/views.py', abs_path: '/srv/app/shop/views.py', module: 'shop.views', function: 'checkout', lineno: 42, in_app: true, context_line: '    user = load_user(request.session["uid"])' },
              { filename: file, abs_path: `/srv/app/${file}`, module: file.replace(/\.py$/, '').replace(/\//g, '.'), function: o.fn ?? 'load_user', lineno: o.line ?? 12, in_app: true, vars: { uid: "'user-17'" } },
            ],
          },
        },
      ],
    },
    request: { url: 'https://shop.example.com/checkout/?step=2', method: 'POST', headers: { Cookie: 'sessionid=abc', 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0' } },
    user: { id: 17, ip_address: '{{auto}}' },
    contexts: { runtime: { name: 'CPython', version: '3.12.1' } },
  };
}

/** sentry-java (Spring): an exception thrown inside a stream lambda, with generated lambda class and method names. */
export function javaEvent(o: { lambdaId?: number; lambdaAddr?: string; line?: number } = {}): Record<string, unknown> {
  return {
    platform: 'java',
    sdk: { name: 'sentry.java.spring-boot.jakarta', version: '7.18.0' },
    exception: {
      values: [
        {
          type: 'IllegalStateException',
          value: 'Order 1004 is already paid',
          module: 'java.lang',
          stacktrace: {
            frames: [
              { module: 'java.lang.Thread', function: 'run', filename: 'Thread.java', lineno: 833, in_app: false },
              { module: 'org.springframework.web.servlet.FrameworkServlet', function: 'service', filename: 'FrameworkServlet.java', lineno: 590, in_app: false },
              { module: 'com.acme.shop.OrderController', function: 'pay', filename: 'OrderController.java', lineno: o.line ?? 51, in_app: true },
              { module: `com.acme.shop.OrderService$$Lambda$${o.lambdaId ?? 45}/${o.lambdaAddr ?? '0x0000000800c0b840'}`, function: 'apply', in_app: true },
              { module: 'com.acme.shop.OrderService', function: `lambda$pay$${o.lambdaId ?? 45}`, filename: 'OrderService.java', lineno: 88, in_app: true },
            ],
          },
        },
      ],
    },
  };
}

/** sentry-go: a bare exception list, a closure (`func1`) inside a method, module paths as Go import paths. */
export function goEvent(o: { closure?: string; line?: number } = {}): Record<string, unknown> {
  return {
    platform: 'go',
    sdk: { name: 'sentry.go', version: '0.30.0' },
    exception: [
      {
        type: '*errors.errorString',
        value: 'sql: no rows in result set',
        stacktrace: {
          frames: [
            { function: 'main', module: 'main', abs_path: '/srv/app/main.go', lineno: 31, in_app: true },
            { function: `(*Server).handleOrder.${o.closure ?? 'func1'}`, module: 'github.com/acme/shop/server', abs_path: '/srv/app/server/orders.go', lineno: o.line ?? 77, in_app: true },
            { function: '(*DB).QueryRow', module: 'database/sql', abs_path: '/usr/local/go/src/database/sql/sql.go', lineno: 1361, in_app: false },
          ],
        },
      },
    ],
    contexts: { runtime: { name: 'go', version: 'go1.23.4' }, os: { name: 'linux' } },
  };
}

/** @sentry/browser without source maps: minified bundles whose names carry the build hash. */
export function browserEvent(build: { vendor: string; main: string; chunk: string; col?: number }): Record<string, unknown> {
  return {
    platform: 'javascript',
    sdk: { name: 'sentry.javascript.browser', version: '11.12.0' },
    exception: {
      values: [
        {
          type: 'TypeError',
          value: "Cannot read properties of undefined (reading 'map')",
          mechanism: { type: 'onerror', handled: false },
          stacktrace: {
            frames: [
              { filename: `https://shop.example.com/assets/vendor.${build.vendor}.bundle.js`, function: 'Object.<anonymous>', lineno: 1, colno: 4821, in_app: true },
              { filename: `https://shop.example.com/assets/main-${build.main}.min.js`, function: 'renderCart', lineno: 2, colno: build.col ?? 18321, in_app: true },
              { filename: `https://shop.example.com/assets/chunk-${build.chunk}.js?v=2`, function: '?', lineno: 1, colno: 999, in_app: true },
            ],
          },
        },
      ],
    },
    request: {
      url: 'https://shop.example.com/cart?coupon=SPRING',
      headers: { 'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36' },
    },
  };
}
