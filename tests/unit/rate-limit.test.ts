import { describe, expect, it } from 'vitest';
import { PressGuard } from '../../server/press-guard.ts';
import { clientKey, RateLimiter, WindowCounter } from '../../server/rate-limit.ts';

const SECRET = 's'.repeat(32);
const day1 = new Date('2026-11-21T10:00:00Z');
const day2 = new Date('2026-11-22T10:00:00Z');

describe('clientKey', () => {
  it('is stable within a day, differs between clients, rotates daily and depends on the secret', () => {
    const a = clientKey(SECRET, '203.0.113.7', day1);
    expect(clientKey(SECRET, '203.0.113.7', new Date('2026-11-21T23:59:59Z'))).toBe(a);
    expect(clientKey(SECRET, '203.0.113.8', day1)).not.toBe(a);
    expect(clientKey(SECRET, '203.0.113.7', day2)).not.toBe(a);
    expect(clientKey('t'.repeat(32), '203.0.113.7', day1)).not.toBe(a);
    expect(a).not.toContain('203');
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('RateLimiter', () => {
  it('allows max hits per window, counts refused hits, and resets with the next window', () => {
    const limiter = new RateLimiter({ max: 3, windowMs: 1000 });
    const t0 = 1_000_000;
    expect([1, 2, 3, 4, 5].map((i) => limiter.allow('k', t0 + i))).toEqual([true, true, true, false, false]);
    expect(limiter.allow('other', t0)).toBe(true);
    expect(limiter.allow('k', t0 + 1000)).toBe(false); // the window began with the first hit, at t0 + 1
    expect(limiter.allow('k', t0 + 1001)).toBe(true);
  });

  it('forgets expired windows as new ones come', () => {
    const counter = new WindowCounter(10);
    for (let i = 0; i < 1000; i++) counter.hit(`k${i}`, i % 5);
    expect(counter.size).toBe(1000);
    counter.hit('k3', 8); // still in its window: counted, not moved
    counter.hit('late', 100);
    expect(counter.size).toBe(1);
    expect(counter.peek('late', 100)).toBe(1);
  });

  it('keeps a renewed window, and drops the oldest windows beyond its size', () => {
    const counter = new WindowCounter(10, 3);
    counter.hit('a', 0);
    counter.hit('b', 1);
    counter.hit('a', 11); // a new window for a: a moves behind b
    counter.hit('c', 12);
    expect(counter.size).toBe(2); // b expired
    counter.hit('d', 13);
    counter.hit('e', 14);
    expect(counter.size).toBe(3);
    expect(counter.peek('a', 14)).toBe(0); // the oldest went first
    expect(counter.peek('e', 14)).toBe(1);
  });

  it('stays fast under a flood of new clients', () => {
    const counter = new WindowCounter(60_000, 50_000);
    const started = performance.now();
    for (let i = 0; i < 200_000; i++) counter.hit(`client-${i}`, i);
    // Not a timing assertion: an O(n) sweep per hit would be 10^10 steps and never finish in the test timeout.
    expect(counter.size).toBe(50_000);
    expect(performance.now() - started).toBeGreaterThan(0);
  });
});

describe('the wait until a window frees up', () => {
  it('is zero within the limit and the rest of the window over it, however often the client tries', () => {
    const limiter = new RateLimiter({ max: 2, windowMs: 1000 });
    expect(limiter.take('k', 100)).toBe(0);
    expect(limiter.take('k', 400)).toBe(0);
    expect(limiter.take('k', 450)).toBe(650); // the window began at 100
    expect(limiter.take('k', 1000)).toBe(100); // refused hits do not move the window
    expect(limiter.take('k', 1100)).toBe(0);
  });

  it('can be looked at before costly work without counting a hit', () => {
    const limiter = new RateLimiter({ max: 2, windowMs: 1000 });
    expect(limiter.wouldRefuse('k', 0)).toBe(0);
    expect(limiter.take('k', 100)).toBe(0);
    expect(limiter.wouldRefuse('k', 200)).toBe(0);
    expect(limiter.wouldRefuse('k', 200)).toBe(0); // looking twice counts nothing
    expect(limiter.take('k', 300)).toBe(0);
    expect(limiter.wouldRefuse('k', 400)).toBe(700);
    expect(limiter.wouldRefuse('k', 1100)).toBe(0);
  });

  it('of the press guard is the longer of the two limits that refused', () => {
    const guard = new PressGuard({ perBin: { max: 1, windowMs: 600 }, overall: { max: 2, windowMs: 3600 }, flagPerHour: 99 });
    expect(guard.take('c', 1, 0)).toBe(0);
    expect(guard.take('c', 1, 100)).toBe(500); // per bin only
    expect(guard.take('c', 2, 200)).toBe(3400); // overall (the refused press counted)
    expect(guard.take('c', 1, 300)).toBe(3300); // both: the overall window is the longer one
  });
});

describe('PressGuard', () => {
  it('limits per bin and overall, and reports the flag threshold once', () => {
    const guard = new PressGuard({ perBin: { max: 2, windowMs: 1000 }, overall: { max: 3, windowMs: 1000 }, flagPerHour: 3 });
    expect([guard.allow('c', 1, 0), guard.allow('c', 1, 0), guard.allow('c', 1, 0)]).toEqual([true, true, false]);
    expect(guard.allow('c', 2, 0)).toBe(false); // overall: the refused press counted too
    expect(guard.allow('d', 1, 0)).toBe(true);
    expect([1, 2, 3, 4].map(() => guard.crossesFlagThreshold(7, 0))).toEqual([false, false, true, false]);
  });
});
