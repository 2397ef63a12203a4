// The report limit's bucket: ten at once, then one each refill time; the wait it answers is exact,
// refused hits take nothing, and full buckets are forgotten.
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../server/rate-limit.ts';

describe('TokenBucket', () => {
  it('lets a burst through, then one each refill time, and answers the exact wait', () => {
    const bucket = new TokenBucket({ burst: 3, refillMs: 60_000 });
    expect([0, 0, 0].map(() => bucket.take('k', 0))).toEqual([0, 0, 0]);
    expect(bucket.take('k', 0)).toBe(60_000);
    expect(bucket.take('k', 15_000)).toBe(45_000);
    expect(bucket.wouldRefuse('k', 59_999)).toBe(1);
    expect(bucket.take('k', 60_000)).toBe(0);
    expect(bucket.take('k', 60_000)).toBe(60_000);
    // Another key is not affected.
    expect(bucket.take('other', 60_000)).toBe(0);
  });

  it('refills to the burst and no further, and forgets buckets that are full again', () => {
    const bucket = new TokenBucket({ burst: 2, refillMs: 1_000 });
    bucket.take('a', 0);
    bucket.take('a', 0);
    expect(bucket.take('a', 100_000)).toBe(0);
    expect(bucket.take('a', 100_000)).toBe(0);
    expect(bucket.take('a', 100_000)).toBe(1_000);
    bucket.take('b', 100_000);
    expect(bucket.size).toBe(2);
    bucket.take('c', 200_000); // a and b have filled up meanwhile
    expect(bucket.size).toBe(1);
  });

  it('keeps no more than maxKeys buckets', () => {
    const bucket = new TokenBucket({ burst: 10, refillMs: 60_000 }, 5);
    for (let i = 0; i < 20; i++) bucket.take(`k${i}`, 0);
    expect(bucket.size).toBe(5);
  });
});
