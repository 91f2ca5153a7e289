import { describe, expect, it } from 'vitest';
import { normalizeEvent } from './normalize';
import { MAX_FRAMES, normalizeExceptions, normalizeFrame, normalizeThreads } from './stacktrace';

const norm = (raw: Record<string, unknown>) => normalizeEvent(raw, { receivedAt: new Date('2026-11-24T00:34:40Z') });

describe('normalizeFrame', () => {
  it.each([
    [
      { filename: 'a.py', lineno: '12', colno: 3.9, in_app: true },
      { filename: 'a.py', lineno: 12, colno: 3, in_app: true },
    ],
    [
      { function: 'f', lineno: -1, colno: 'x', in_app: 'false' },
      { function: 'f', in_app: false },
    ],
    [
      { module: 'm', pre_context: ['a', null, 3], post_context: 'x', vars: { a: { b: 1 } } },
      { module: 'm', pre_context: ['a', '', '3'], vars: { a: { b: 1 } } },
    ],
    [{ function: 'f', vars: ['not', 'an', 'object'] }, { function: 'f' }],
    [{ context_line: 'x'.repeat(5000) }, { context_line: `${'x'.repeat(1021)}...` }],
    [{}, undefined],
    [null, undefined],
  ])('%j', (raw, expected) => {
    expect(normalizeFrame(raw)).toEqual(expected);
  });
});

describe('normalizeExceptions', () => {
  const frames = [{ function: 'f', lineno: 1 }];
  it.each([
    ['{values}', { values: [{ type: 'E', value: 'v' }] }, [{ type: 'E', value: 'v' }]],
    ['bare list', [{ type: 'E', value: 'v' }], [{ type: 'E', value: 'v' }]],
    [
      'single legacy object',
      { type: 'E', value: 'v', stacktrace: { frames } },
      [{ type: 'E', value: 'v', stacktrace: { frames: [{ function: 'f', lineno: 1 }] } }],
    ],
    ['non-string value', [{ type: 'E', value: { code: 7 } }], [{ type: 'E', value: '{"code":7}' }]],
    [
      'mechanism coerced',
      [{ type: 'E', mechanism: { type: 'onerror', handled: 'false', data: { x: 1 } } }],
      [{ type: 'E', mechanism: { type: 'onerror', handled: false, data: { x: 1 } } }],
    ],
    ['empty values dropped', [{}, { module: 'only-module' }, { type: 'E' }], [{ type: 'E' }]],
  ])('%s', (_n, raw, expected) => {
    expect(normalizeExceptions(raw)?.values).toEqual(expected);
  });

  it('returns undefined when nothing usable is left', () => {
    expect(normalizeExceptions({ values: [null, {}] })).toBeUndefined();
  });
});

describe('stack trace limits and legacy placement', () => {
  it('keeps the first and last 125 of 400 frames', () => {
    const frames = Array.from({ length: 400 }, (_, i) => ({ function: `f${i}` }));
    const kept = norm({ exception: [{ type: 'RecursionError', stacktrace: { frames } }] }).exception!.values[0]
      .stacktrace!.frames;
    expect(kept).toHaveLength(MAX_FRAMES);
    expect(kept[124].function).toBe('f124');
    expect(kept[125].function).toBe('f275');
    expect(kept[249].function).toBe('f399');
  });

  it('attaches a top-level stacktrace to the single exception without one', () => {
    const ev = norm({ exception: { values: [{ type: 'E' }] }, stacktrace: { frames: [{ function: 'f' }] } });
    expect(ev.exception!.values[0].stacktrace).toEqual({ frames: [{ function: 'f' }] });
    expect(ev.threads).toBeUndefined();
    expect(ev.stacktrace).toBeUndefined();
  });

  it('keeps a top-level stacktrace of a message as the current thread', () => {
    const ev = norm({ message: 'm', stacktrace: { frames: [{ function: 'f' }] } });
    expect(ev.threads).toEqual({ values: [{ current: true, stacktrace: { frames: [{ function: 'f' }] } }] });
  });

  it('normalizes threads from either list shape', () => {
    const raw = [
      { id: 1, name: 'main', crashed: true, stacktrace: { frames: [{ function: 'run' }] } },
      { id: '2' },
      'junk',
    ];
    const expected = {
      values: [{ id: 1, name: 'main', crashed: true, stacktrace: { frames: [{ function: 'run' }] } }, { id: '2' }],
    };
    expect(normalizeThreads(raw)).toEqual(expected);
    expect(normalizeThreads({ values: raw })).toEqual(expected);
  });
});
