// The report form's fields, checked without a database: every problem is tied to its field so the
// form can be shown again with the message next to it and the citizen's input kept.
import type { MessageKey, MessageParams } from '../server/i18n/index.ts';
import { parseCoordinate } from './coordinates.ts';

export const DESCRIPTION_MAX = 4000;
export const ADDRESS_MAX = 200;
export const EMAIL_MAX = 254;

export type ReportField = 'ort' | 'beschreibung' | 'fotos' | 'email' | 'formular';

export interface FieldError {
  key: MessageKey;
  params?: MessageParams;
}

export type FieldErrors = Partial<Record<ReportField, FieldError>>;

/** What the form sent, as text, kept to show the form again. */
export interface ReportFormValues {
  lat: string;
  lon: string;
  quelle: string;
  strasse: string;
  ortsbezirk: string;
  beschreibung: string;
  email: string;
  /** The house chosen in the "Meinten Sie …" step (an address id, or "ortsbezirk" for the district only). */
  adresse: string;
  /** The typed address the choice was offered for: a choice counts only while the text is unchanged. */
  gefragt: string;
}

export function readReportForm(form: Record<string, unknown>): ReportFormValues {
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
  return {
    lat: text('lat').trim(),
    lon: text('lon').trim(),
    quelle: text('quelle').trim(),
    strasse: text('strasse').trim(),
    ortsbezirk: text('ortsbezirk').trim(),
    beschreibung: text('beschreibung').replace(/\r\n/g, '\n').trim(),
    email: text('email').trim(),
    adresse: text('adresse').trim(),
    gefragt: text('gefragt').trim(),
  };
}

// Deliberately simple: one @, something before it, a dot after it, no spaces. The confirmation
// mail is the real check.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkReportText(values: ReportFormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (values.beschreibung.length > DESCRIPTION_MAX) errors.beschreibung = { key: 'report.error.descriptionTooLong', params: { max: DESCRIPTION_MAX } };
  if (values.email && (values.email.length > EMAIL_MAX || !EMAIL.test(values.email))) errors.email = { key: 'report.error.email' };
  if (values.strasse.length > ADDRESS_MAX) errors.ort = { key: 'report.error.addressTooLong', params: { max: ADDRESS_MAX } };
  return errors;
}

/** A point from the map inputs, or null when they are empty; undefined when they are not plain numbers in range. */
export function pointFromInputs(values: ReportFormValues): { lat: number; lon: number } | null | undefined {
  if (!values.lat && !values.lon) return null;
  const lat = parseCoordinate(values.lat, 'lat');
  const lon = parseCoordinate(values.lon, 'lon');
  return lat === null || lon === null ? undefined : { lat, lon };
}
