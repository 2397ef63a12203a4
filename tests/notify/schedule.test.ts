// When the digest runs: DIGEST_HOUR in Mainz, across the summer-time switches.
import { describe, expect, it } from 'vitest';
import { berlinDay, berlinHourOn, digestDueToday, nextDigestAt } from '../../server/notify/schedule.ts';

describe('digest schedule', () => {
  it('finds 7:00 Mainz time in winter (UTC+1) and in summer (UTC+2)', () => {
    expect(berlinHourOn('2026-11-21', 7).toISOString()).toBe('2026-11-21T06:00:00.000Z');
    expect(berlinHourOn('2026-07-01', 7).toISOString()).toBe('2026-07-01T05:00:00.000Z');
  });

  it('the next run is today when the hour is still ahead, else tomorrow', () => {
    expect(nextDigestAt(new Date('2026-11-21T05:59:00Z'), 7).toISOString()).toBe('2026-11-21T06:00:00.000Z');
    expect(nextDigestAt(new Date('2026-11-21T06:00:00Z'), 7).toISOString()).toBe('2026-11-22T06:00:00.000Z');
    expect(nextDigestAt(new Date('2026-11-21T22:30:00Z'), 7).toISOString()).toBe('2026-11-22T06:00:00.000Z'); // 23:30 in Mainz
    expect(nextDigestAt(new Date('2026-11-21T23:30:00Z'), 7).toISOString()).toBe('2026-11-22T06:00:00.000Z'); // 00:30 on the 22nd
  });

  it('keeps the local hour across the switch to and from summer time (23- and 25-hour days)', () => {
    // 2027-03-28: clocks go from 2:00 to 3:00; 2026-10-25: from 3:00 back to 2:00.
    expect(nextDigestAt(new Date('2027-03-27T06:00:00Z'), 7).toISOString()).toBe('2027-03-28T05:00:00.000Z');
    expect(nextDigestAt(new Date('2026-10-24T05:00:00Z'), 7).toISOString()).toBe('2026-10-25T06:00:00.000Z');
    expect(berlinHourOn('2026-10-25', 2).toISOString()).toMatch(/^2026-10-25T0[01]:00:00.000Z$/);
  });

  it("the Berlin day and whether today's run is due", () => {
    expect(berlinDay(new Date('2026-11-21T23:30:00Z'))).toBe('2026-11-22');
    expect(digestDueToday(new Date('2026-11-21T05:59:59Z'), 7)).toBe(false);
    expect(digestDueToday(new Date('2026-11-21T06:00:00Z'), 7)).toBe(true);
  });
});
