// How the Kennzahlen read: numbers the German way ("1.234", "87,5 %"), durations in words
// ("2 Tage 4 Std."), hours with one decimal for the CSV. Pure; the language is a parameter.
// Formatters are built once per language (domain/formatters.ts says why).
import { CITY_TIME_ZONE, dateFormatsPerLanguage, numberFormatsPerLanguage } from '../../../domain/formatters.ts';
import { staffLang, type Lang, type Translate } from '../../i18n/index.ts';

const COUNT = numberFormatsPerLanguage({ maximumFractionDigits: 0 });
const SHARE = numberFormatsPerLanguage({ style: 'percent', maximumFractionDigits: 1 });
const ONE_DECIMAL = numberFormatsPerLanguage({ maximumFractionDigits: 1, minimumFractionDigits: 1, useGrouping: false });
const DAY = dateFormatsPerLanguage({ timeZone: CITY_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const SHORT_DAY = {
  de: new Intl.DateTimeFormat('de-DE', { timeZone: CITY_TIME_ZONE, day: '2-digit', month: '2-digit' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: CITY_TIME_ZONE, day: 'numeric', month: 'short' }),
};

export function formatCount(value: number, lang: Lang): string {
  return COUNT[lang].format(value);
}

/** A share 0..1 as a percentage with at most one decimal: "87,5 %" / "87.5%"; "–" when unknown. */
export function formatShare(value: number | null, lang: Lang): string {
  if (value === null) return '–';
  return SHARE[lang].format(value);
}

/** Hours with one decimal in the language's notation, for spreadsheets ("52,5"); empty when unknown. */
export function formatHours(seconds: number | null, lang: Lang): string {
  if (seconds === null) return '';
  return oneDecimal(seconds / 3600, lang);
}

/** A number with exactly one decimal and no grouping, in the language's notation: "52,5" / "52.5". */
export function oneDecimal(value: number, lang: Lang): string {
  return ONE_DECIMAL[lang].format(value);
}

/**
 * A duration as people say it, to the two largest units: "2 Tage 4 Std.", "5 Std. 10 Min.", "35 Min.",
 * "unter 1 Min."; "–" when unknown. Rounded down to whole minutes, so it never overstates.
 */
export function durationWords(seconds: number | null, t: Translate): string {
  if (seconds === null) return '–';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return t('staff.kpi.duration.underMinute');
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const part = (n: number, one: 'day' | 'hour' | 'minute') => t(n === 1 ? `staff.kpi.duration.${one}` : `staff.kpi.duration.${one}s`, { n });
  if (days > 0) return hours > 0 ? `${part(days, 'day')} ${part(hours, 'hour')}` : part(days, 'day');
  if (hours > 0) return rest > 0 ? `${part(hours, 'hour')} ${part(rest, 'minute')}` : part(hours, 'hour');
  return part(rest, 'minute');
}

/** A calendar date in the city: "21.11.2026" / "21/11/2026". */
export function formatDay(at: Date, lang: Lang): string {
  return DAY[lang].format(at);
}

/** A short day for chart axes: "21.11." / "21 Nov". */
export function formatShortDay(at: Date, lang: Lang): string {
  return SHORT_DAY[staffLang(lang)].format(at);
}
