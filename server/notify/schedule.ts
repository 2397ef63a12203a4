// When the daily digest runs: at DIGEST_HOUR o'clock Mainz time (Europe/Berlin), whatever the server's
// own time zone, and across the changes to and from summer time. Pure functions of a Date.

const ZONE = 'Europe/Berlin';

// Built once (domain/formatters.ts says why): the digest timer asks every day, tests very often.
const DAY_KEY = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const WALL_CLOCK = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });

/** The calendar day in Mainz, as YYYY-MM-DD: the unit of "one digest a day". */
export function berlinDay(at: Date): string {
  return DAY_KEY.format(at);
}

/** Minutes Berlin is ahead of UTC at that moment (60 in winter, 120 in summer). */
function berlinOffsetMinutes(at: Date): number {
  const parts = Object.fromEntries(WALL_CLOCK.formatToParts(at).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The moment it is `hour`:00 in Berlin on the Berlin day `day` (YYYY-MM-DD). */
export function berlinHourOn(day: string, hour: number): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour);
  // The offset at the guess can differ from the one at the result only around the switch night.
  let result = guess - berlinOffsetMinutes(new Date(guess)) * 60_000;
  result = guess - berlinOffsetMinutes(new Date(result)) * 60_000;
  return new Date(result);
}

/** The next digest time strictly after `now`. */
export function nextDigestAt(now: Date, hour: number): Date {
  const today = berlinHourOn(berlinDay(now), hour);
  if (today.getTime() > now.getTime()) return today;
  // Noon tomorrow is always on the next Berlin day, whatever the offset.
  const tomorrow = berlinDay(new Date(berlinHourOn(berlinDay(now), 12).getTime() + 24 * 3600_000));
  return berlinHourOn(tomorrow, hour);
}

/** True when today's digest time has passed: a server started after it still sends today's digest. */
export function digestDueToday(now: Date, hour: number): boolean {
  return now.getTime() >= berlinHourOn(berlinDay(now), hour).getTime();
}
