import { describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/index.ts';
import { ago, cityDay, clockTime, waitInWords, whenPast, whichDay } from '../../domain/time-words.ts';

const de = translator('de');
const en = translator('en');
const now = new Date('2026-11-21T13:05:00.000Z'); // Saturday 14:05 in Mainz (CET)

describe('time in words, in Mainz', () => {
  it('uses the city’s time zone, also across the summer-time switch', () => {
    expect(clockTime(now, 'de')).toBe('14:05');
    expect(clockTime(new Date('2026-07-01T12:00:00Z'), 'de')).toBe('14:00');
    // 23:30 UTC is already the next day in Mainz.
    expect(cityDay(new Date('2026-11-21T23:30:00Z'))).toBe(cityDay(new Date('2026-11-22T08:00:00Z')));
  });

  it.each([
    ['2026-11-21T08:00:00Z', 'um 09:00', 'at 09:00'],
    ['2026-11-20T18:00:00Z', 'gestern um 19:00', 'yesterday at 19:00'],
    ['2026-11-19T07:30:00Z', 'Donnerstag, 19. November um 08:30', 'Thursday 19 November at 08:30'],
  ])('whenPast(%s)', (at, german, english) => {
    expect(whenPast(new Date(at), now, 'de', de)).toBe(german);
    expect(whenPast(new Date(at), now, 'en', en)).toBe(english);
  });

  it.each([
    [0, 'gerade eben'],
    [1, 'vor 1 Minute'],
    [10, 'vor 10 Minuten'],
    [60, 'vor 1 Stunde'],
    [185, 'vor 3 Stunden'],
    [60 * 30, 'gestern um 08:05'],
  ])('ago(%s minutes) = %s', (minutes, words) => {
    expect(ago(new Date(now.getTime() - minutes * 60_000), now, 'de', de)).toBe(words);
  });

  it.each([
    ['2026-11-21T16:00:00Z', 'heute', 'today'],
    ['2026-11-22T05:00:00Z', 'morgen', 'tomorrow'],
    ['2026-11-23T05:00:00Z', 'am Montag, 23. November', 'on Monday 23 November'],
  ])('whichDay(%s)', (at, german, english) => {
    expect(whichDay(new Date(at), now, 'de', de)).toBe(german);
    expect(whichDay(new Date(at), now, 'en', en)).toBe(english);
  });
});

describe('a wait in words', () => {
  it.each([
    [1, 'in einer Minute (um 14:06 Uhr)', 'in a minute (at 14:06)'],
    [60, 'in einer Minute (um 14:06 Uhr)', 'in a minute (at 14:06)'],
    [61, 'in 2 Minuten (um 14:07 Uhr)', 'in 2 minutes (at 14:07)'],
    [600, 'in 10 Minuten (um 14:15 Uhr)', 'in 10 minutes (at 14:15)'],
    [3600, 'in einer Stunde (um 15:05 Uhr)', 'in an hour (at 15:05)'],
    [5400, 'in 2 Stunden (um 15:35 Uhr)', 'in 2 hours (at 15:35)'],
  ])('%i seconds', (seconds, german, english) => {
    expect(waitInWords(seconds, now, 'de', de)).toBe(german);
    expect(waitInWords(seconds, now, 'en', en)).toBe(english);
  });
});
