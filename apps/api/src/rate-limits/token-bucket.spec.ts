import { describe, expect, it } from '@jest/globals';
import { TokenBuckets } from './token-bucket.js';

describe('TokenBuckets', () => {
  it('grants the capacity at once, then refuses with the seconds until the next token', () => {
    let now = 0;
    const buckets = new TokenBuckets(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) expect(buckets.take('a').admitted).toBe(true);
    expect(buckets.take('a')).toEqual({ admitted: false, retryAfterSeconds: 20 });
    now += 19_000;
    expect(buckets.take('a')).toEqual({ admitted: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect(buckets.take('a').admitted).toBe(true);
    expect(buckets.take('a').admitted).toBe(false);
  });

  it('keeps each key to its own bucket and never refills past the capacity', () => {
    let now = 0;
    const buckets = new TokenBuckets(2, 1_000, () => now);
    expect(buckets.take('a').admitted).toBe(true);
    expect(buckets.take('a').admitted).toBe(true);
    expect(buckets.take('b').admitted).toBe(true);
    now += 3_600_000;
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')].map((t) => t.admitted)).toEqual([true, true, false]);
  });

  it('bounds its memory: idle buckets are swept when the map is full, busy ones kept', () => {
    let now = 0;
    const buckets = new TokenBuckets(1, 1_000, () => now, 100);
    buckets.take('busy');
    for (let i = 0; i < 99; i++) buckets.take(`idle-${i}`);
    now += 500; // nobody has refilled yet: the oldest half goes
    buckets.take('newcomer');
    expect(buckets.size).toBeLessThanOrEqual(100);
    now += 10_000; // everyone has refilled: all swept
    for (let i = 0; i < 60; i++) buckets.take(`spray-${i}`);
    expect(buckets.size).toBeLessThanOrEqual(100);
  });
});
