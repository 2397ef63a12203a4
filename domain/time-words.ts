// Times in the words people use in the street: "um 14:05", "vor 10 Minuten", "heute", "morgen".
// Pure: the clock and the city's time zone are parameters. Formatters are built once per language and
// zone (server/domain/formatters.ts says why).
import type { Lang, Translate } from '../server/i18n/index.ts';
import { CITY_TIME_ZONE, dateFormatsPerLanguage, perTimeZone } from './formatters.ts';

export { CITY_TIME_ZONE };

const dayKeyFormat = perTimeZone((timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
const clockFormats = perTimeZone((timeZone) => dateFormatsPerLanguage({ timeZone, hour: '2-digit', minute: '2-digit' }));
const dayNameFormats = perTimeZone((timeZone) => dateFormatsPerLanguage({ timeZone, weekday: 'long', day: 'numeric', month: 'long' }));

/** The calendar day of an instant in the city, as a comparable number of days. */
export function cityDay(at: Date, timeZone = CITY_TIME_ZONE): number {
  const parts = dayKeyFormat(timeZone).format(at);
  return Math.round(Date.parse(`${parts}T00:00:00Z`) / 86_400_000);
}

export function clockTime(at: Date, lang: Lang, timeZone = CITY_TIME_ZONE): string {
  return clockFormats(timeZone)[lang].format(at);
}

function dayName(at: Date, lang: Lang, timeZone: string): string {
  return dayNameFormats(timeZone)[lang].format(at);
}

/** "14:05" today, "gestern 14:05", or "Donnerstag, 19. November 14:05". */
export function whenPast(at: Date, now: Date, lang: Lang, t: Translate, timeZone = CITY_TIME_ZONE): string {
  const days = cityDay(now, timeZone) - cityDay(at, timeZone);
  const time = clockTime(at, lang, timeZone);
  if (days <= 0) return t('time.todayAt', { time });
  if (days === 1) return t('time.yesterdayAt', { time });
  return t('time.dayAt', { day: dayName(at, lang, timeZone), time });
}

/** "vor 10 Minuten", "vor 3 Stunden"; older than a day falls back to whenPast. */
export function ago(at: Date, now: Date, lang: Lang, t: Translate, timeZone = CITY_TIME_ZONE): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - at.getTime()) / 60_000));
  if (minutes < 1) return t('time.justNow');
  if (minutes === 1) return t('time.minuteAgo');
  if (minutes < 60) return t('time.minutesAgo', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? t('time.hourAgo') : t('time.hoursAgo', { n: hours });
  return whenPast(at, now, lang, t, timeZone);
}

/** "heute", "morgen" or "am Montag, 23. November" for a future day. */
export function whichDay(at: Date, now: Date, lang: Lang, t: Translate, timeZone = CITY_TIME_ZONE): string {
  const days = cityDay(at, timeZone) - cityDay(now, timeZone);
  if (days <= 0) return t('time.today');
  if (days === 1) return t('time.tomorrow');
  return t('time.onDay', { day: dayName(at, lang, timeZone) });
}

/**
 * How long until something is possible again, for a limit's page: "in 45 Minuten (um 12:00 Uhr)".
 * Rounded up, to the minute and the clock time, so the page never promises a moment that is too early.
 */
export function waitInWords(seconds: number, now: Date, lang: Lang, t: Translate, timeZone = CITY_TIME_ZONE): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const at = new Date(Math.ceil((now.getTime() + seconds * 1000) / 60_000) * 60_000);
  const time = clockTime(at, lang, timeZone);
  if (minutes === 1) return t('time.inAMinute', { time });
  if (minutes < 60) return t('time.inMinutes', { n: minutes, time });
  if (minutes === 60) return t('time.inAnHour', { time });
  return t('time.inHours', { n: Math.ceil(minutes / 60), time });
}
