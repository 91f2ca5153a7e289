import { describe, expect, it } from 'vitest';
import { discardFields, parseClientReport } from './clientReport.ts';

describe('parseClientReport', () => {
  it('reads what @sentry/browser sends', () => {
    const body = JSON.stringify({
      timestamp: 1764500000.5,
      discarded_events: [
        { reason: 'ratelimit_backoff', category: 'error', quantity: 3 },
        { reason: 'sample_rate', category: 'transaction', quantity: 1 },
      ],
    });
    expect(parseClientReport(Buffer.from(body))).toEqual([
      { category: 'error', reason: 'ratelimit_backoff', quantity: 3 },
      { category: 'transaction', reason: 'sample_rate', quantity: 1 },
    ]);
  });

  it.each([
    ['not JSON', '{'],
    ['no list', '{"discarded_events": 3}'],
    ['null', 'null'],
    [
      'bad entries',
      JSON.stringify({
        discarded_events: [
          { reason: 'x y', category: 'error', quantity: 1 },
          { reason: 'a', category: 'error', quantity: -1 },
          { reason: 'a', category: 'error', quantity: 1.5 },
          null,
        ],
      }),
    ],
  ])('skips what is malformed (%s)', (_name, body) => {
    expect(parseClientReport(body)).toEqual([]);
  });

  it('keeps at most 50 entries, as fields outcome|category|reason', () => {
    const list = Array.from({ length: 80 }, () => ({ reason: 'queue_overflow', category: 'error', quantity: 1 }));
    const counts = parseClientReport(JSON.stringify({ discarded_events: list }));
    expect(counts).toHaveLength(50);
    expect(discardFields(counts.slice(0, 1))).toEqual([['client_discard|error|queue_overflow', 1]]);
  });
});
