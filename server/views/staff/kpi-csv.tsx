// The Kennzahlen as CSV for spreadsheets: the figures of the whole selection and per department,
// category and district. Written for German Excel: UTF-8 with BOM, `;` between fields, decimal comma
// (in English: decimal point), every text quoted, and text that looks like a formula defused.
import type { KpiFigures } from '../../../db/kpi-aggregate.ts';
import type { KpiReport } from '../../../db/kpi-report.ts';
import type { Lang, Translate } from '../../i18n/index.ts';
import { csvCell, spreadsheetCsv } from '../spreadsheet-csv.ts';
import { formatDay, formatHours, oneDecimal } from './kpi-format.tsx';

/** A text field: always quoted, and a name typed by an admin can never run as a formula. */
export const csvText = (value: string): string => csvCell(value, true);

function shareCell(f: KpiFigures, lang: Lang): string {
  if (f.withinTargetShare === null) return '';
  return oneDecimal(f.withinTargetShare * 100, lang);
}

function figureCells(f: KpiFigures, lang: Lang): string[] {
  return [
    String(f.open),
    String(f.overdue),
    String(f.newThisWeek),
    String(f.newInPeriod),
    String(f.closedInPeriod),
    formatHours(f.acknowledgeMedian, lang),
    formatHours(f.closeMedian, lang),
    shareCell(f, lang),
  ];
}

export function kpiCsv(report: KpiReport, lang: Lang, t: Translate): string {
  const header = [
    t('staff.kpi.csv.level'),
    t('staff.kpi.csv.name'),
    t('staff.kpi.col.open'),
    t('staff.kpi.col.overdue'),
    t('staff.kpi.col.newWeek'),
    t('staff.kpi.col.newPeriod'),
    t('staff.kpi.col.closed'),
    t('staff.kpi.csv.ackHours'),
    t('staff.kpi.csv.closeHours'),
    t('staff.kpi.csv.withinPercent'),
  ];
  const period = t('staff.kpi.csv.period', { from: formatDay(report.from, lang), to: formatDay(report.scope.now, lang) });
  const lines: string[][] = [header.map(csvText)];
  const push = (level: string, name: string, f: KpiFigures) => lines.push([csvText(level), csvText(name), ...figureCells(f, lang)]);
  push(t('staff.kpi.csv.total'), period, report.total);
  for (const row of report.departments) push(t('staff.kpi.csv.department'), row.name, row.figures);
  for (const row of report.categories) push(t('staff.kpi.csv.category'), row.name, row.figures);
  for (const row of report.districts) push(t('staff.kpi.csv.district'), row.name, row.figures);
  return spreadsheetCsv(lines);
}
