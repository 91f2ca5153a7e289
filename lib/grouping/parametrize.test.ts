import { describe, expect, it } from 'vitest';
import { parametrize } from './parametrize';

describe('parametrize', () => {
  it.each([
    ["'user-17'", '<quoted>'],
    ['card declined for order 1004', 'card declined for order <int>'],
    ['took 1.25s, limit 500ms', 'took <float>s, limit <int>ms'],
    ['row 2b7c6c4e-1f0a-4b7e-9c3d-0a1b2c3d4e5f not found', 'row <uuid> not found'],
    ['commit 3f9a1c2bdeadbeef missing', 'commit <hex> missing'],
    ['segfault at 0x7fff5fbff8c8', 'segfault at <hex>'],
    ['connect to 10.0.0.12:5432 refused', 'connect to <ip>:<int> refused'],
    ['connect to 2001:db8::1 refused', 'connect to <ip> refused'],
    ['connect to ::1 refused', 'connect to <ip> refused'],
    ['mail to ann.lee+shop@example.co.uk bounced', 'mail to <email> bounced'],
    ['GET https://api.example.com/v1/orders?id=7 failed', 'GET <url> failed'],
    ['expired at 2026-11-24T00:34:39.123Z', 'expired at <date>'],
    ['expired at 2026-11-24 10:00:00+02:00', 'expired at <date>'],
    ['report for 2026-11-24 missing', 'report for <date> missing'],
    ['started 12:30:05', 'started <time>'],
    ['Unknown column "total" in `orders`', 'Unknown column <quoted> in <quoted>'],
    ["can't reach 'db-3'", "can't reach <quoted>"],
    ['std::vector<int>::at out of range', 'std::vector<int>::at out of range'],
    ['user17 and v2 stay', 'user17 and v2 stay'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(parametrize(input)).toBe(expected);
  });
});
