import { describe, expect, it } from 'vitest';
import { frameComponent, normalizeFilename, normalizeFunction, normalizeModule } from './frames';

describe('normalizeFilename', () => {
  it.each([
    ['/srv/app/fx-node.mjs', 'fx-node.mjs'],
    ['https://cdn.example.com/assets/app.3f9a1c2b.js', 'app.js'],
    ['https://cdn.example.com/assets/chunk-5ZXK.js', 'chunk.js'],
    ['https://cdn.example.com/assets/main-abc12345.min.js', 'main.js'],
    ['https://cdn.example.com/assets/vendor.a1b2c3.bundle.js', 'vendor.bundle.js'],
    ['https://cdn.example.com/assets/index-BnKc3x8Q.js', 'index.js'],
    ['https://cdn.example.com/v1.2.3/widget.js', 'widget.js'],
    ['https://cdn.example.com/static/js/jquery-3.6.0.min.js', 'jquery.js'],
    ['https://cdn.example.com/static/js/456.4f3a2b1c.chunk.js', '<chunk>.chunk.js'],
    ['webpack:///./src/components/Cart.tsx?a1b2', 'Cart.tsx'],
    ['app:///dist/server.js#L10', 'server.js'],
    ['/srv/app/node_modules/express/lib/router/index.js', 'express/lib/router/index.js'],
    [
      '/srv/app/node_modules/.pnpm/express@4.18.2/node_modules/express/lib/router/index.js',
      'express/lib/router/index.js',
    ],
    ['/srv/app/node_modules/@sentry/node/build/cjs/index.js', '@sentry/node/build/cjs/index.js'],
    ['C:\\Users\\ann\\shop\\app\\views.py', 'views.py'],
    ['node:internal/modules/run_main', 'run_main'],
    ['utf8_decode.js', 'utf8_decode.js'],
    ['shop/oauth2_module2.py', 'oauth2_module2.py'],
    ['<anonymous>', ''],
    ['[native code]', ''],
  ])('%s → %s', (input, expected) => {
    expect(normalizeFilename(input)).toBe(expected);
  });
});

describe('normalizeFunction', () => {
  it.each([
    ['?', ''],
    ['<anonymous>', ''],
    ['Object.<anonymous>', ''],
    ['<lambda>', ''],
    ['Array.forEach.<anonymous>', 'Array.forEach'],
    ['lambda$12', 'lambda$'],
    ['lambda$process$12', 'lambda$process$'],
    ['access$000', 'access$'],
    ['com.acme.Foo$$Lambda$45/0x0000000800c0b840.apply', 'com.acme.Foo$$Lambda.apply'],
    ['__lambda_3', '__lambda'],
    ['main.(*Server).handle.func2', 'main.(*Server).handle.func'],
    ['(*Server).handle.func1.3', '(*Server).handle.func'],
    ['block (2 levels) in process', 'block in process'],
    ['block in process', 'block in process'],
    ['#<Class:0x00007f9a1c2b3d40>.call', '#<Class>.call'],
    ['(anonymous namespace)::parse(char const*, int)', 'parse'],
    ["`anonymous namespace'::Worker::run() const", 'Worker::run'],
    ['Foo::bar 0x7fff5fbff8c8', 'Foo::bar'],
    ['async Promise.all (index 0)', 'async Promise.all'],
    ['ModuleJob.run', 'ModuleJob.run'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeFunction(input)).toBe(expected);
  });
});

describe('normalizeModule', () => {
  it.each([
    ['com.acme.shop.OrderService', 'com.acme.shop.OrderService'],
    ['com.acme.shop.OrderService$$Lambda$45/0x0000000800c0b840', 'com.acme.shop.OrderService$$Lambda'],
    ['com.acme.Billing$$EnhancerBySpringCGLIB$$5a7c1f0e', 'com.acme.Billing$$EnhancerBySpringCGLIB'],
    ['github.com/acme/shop/server', 'github.com/acme/shop/server'],
    ['dist/app.3f9a1c2b', 'dist/app'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeModule(input)).toBe(expected);
  });
});

describe('frameComponent', () => {
  it.each([
    [{ module: 'shop.cart', function: 'load_user', lineno: 12 }, 'shop.cart in load_user'],
    [{ filename: '/srv/app/fx-node.mjs', function: '?' }, 'fx-node.mjs'],
    [{ abs_path: '/srv/app/worker.js', function: 'tick' }, 'worker.js in tick'],
    [{ function: 'JSON.parse', filename: '<anonymous>' }, 'JSON.parse'],
    [{ filename: '<anonymous>', function: '<anonymous>', lineno: 3 }, undefined],
    [{ instruction_addr: '0x1000' }, undefined],
  ])('%j → %s', (frame, expected) => {
    expect(frameComponent(frame)).toBe(expected);
  });
});
