// The open-data exports of reports as text: one GeoJSON feature or one CSV record per report, and a
// stream that pulls the reports chunk by chunk. Only the fields below ever leave the server.
import type { OpenDataReport } from '../../db/public-open-data.ts';
import { isReportState, open311Status } from '../../domain/states.ts';
import type { Lang } from '../i18n/index.ts';
import { catalogueText } from '../i18n/catalogue.ts';

function fields(report: OpenDataReport, lang: Lang) {
  return {
    id: report.id,
    category: report.slug,
    category_name: catalogueText(lang, report.name_de, report.name_en),
    state: report.state,
    status: isReportState(report.state) ? open311Status(report.state) : null,
    district: report.district_name,
    lat: report.lat,
    lon: report.lon,
    created_at: report.created_at,
    closed_at: report.closed_at,
    description: report.description,
  };
}

/** The CSV header, in the order of the fields above. */
export const CSV_COLUMNS = ['id', 'category', 'category_name', 'state', 'status', 'district', 'lat', 'lon', 'created_at', 'closed_at', 'description'] as const satisfies ReadonlyArray<keyof ReturnType<typeof fields>>;

export function reportFeature(report: OpenDataReport, lang: Lang) {
  const { lat, lon, ...properties } = fields(report, lang);
  return { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [lon, lat] }, properties };
}

/**
 * RFC 4180: a field with a comma, quote or line break is quoted and its quotes doubled. Text that
 * starts like a formula (= + - @, tab, CR) gets a leading apostrophe, because the export is meant to
 * be opened in spreadsheet programs and the description is written by anyone.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: Array<string | number | null>): string {
  return values.map(csvField).join(',') + '\r\n';
}

export function reportCsvRecord(report: OpenDataReport, lang: Lang): string {
  const row = fields(report, lang);
  return csvRecord(CSV_COLUMNS.map((column) => row[column]));
}

/**
 * Streams head, one piece per report and tail, loading the reports in id order one chunk per pull:
 * a download of the whole city costs the memory of one chunk, and other requests run in between.
 */
export function exportStream(
  load: (afterId: number) => Promise<OpenDataReport[]>,
  parts: { head: string; item: (report: OpenDataReport, index: number) => string; tail: string },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterId = 0;
  let index = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(parts.head));
        return;
      }
      const reports = await load(afterId);
      if (reports.length === 0) {
        controller.enqueue(encoder.encode(parts.tail));
        controller.close();
        return;
      }
      afterId = reports[reports.length - 1]!.id;
      controller.enqueue(encoder.encode(reports.map((r) => parts.item(r, index++)).join('')));
    },
  });
}
