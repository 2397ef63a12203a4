// The Kennzahlen tables: the same figures per department, category or district, and the bins reported
// full most often. A table that may be wider than a phone scrolls in a focusable, labelled region.
import type { Child } from 'hono/jsx';
import type { FullBinRow } from '../../../db/kpi.ts';
import type { KpiRow } from '../../../db/kpi-report.ts';
import type { Page } from '../page.ts';
import { durationWords, formatCount, formatShare } from './kpi-format.tsx';

/** A region that scrolls sideways when its table is wider than the screen; named by a label or a heading's id. */
export function ScrollRegion({ label, labelledBy, children }: { label?: string; labelledBy?: string; children: Child }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} aria-labelledby={labelledBy} tabindex={0}>
      {children}
    </div>
  );
}

/** The figures per department, category or district; named by the heading above it (`headingId`). */
export function FigureTable({ page, id, headingId, nameHeader, rows }: { page: Page; id: string; headingId: string; nameHeader: string; rows: readonly KpiRow[] }) {
  const { t, lang } = page;
  return (
    <ScrollRegion labelledBy={headingId}>
      <table class="kpi-table" id={id} aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            <th scope="col" class="num">{t('staff.kpi.col.open')}</th>
            <th scope="col" class="num">{t('staff.kpi.col.overdue')}</th>
            <th scope="col" class="num">{t('staff.kpi.col.newWeek')}</th>
            <th scope="col" class="num">{t('staff.kpi.col.newPeriod')}</th>
            <th scope="col" class="num">{t('staff.kpi.col.closed')}</th>
            <th scope="col" class="num">{t('staff.kpi.col.ackMedian')}</th>
            <th scope="col" class="num">{t('staff.kpi.col.closeMedian')}</th>
            <th scope="col" class="num">{t('staff.kpi.col.within')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <th scope="row">{row.name}</th>
              <td class="num">{formatCount(row.figures.open, lang)}</td>
              <td class={row.figures.overdue > 0 ? 'num overdue' : 'num'}>{formatCount(row.figures.overdue, lang)}</td>
              <td class="num">{formatCount(row.figures.newThisWeek, lang)}</td>
              <td class="num">{formatCount(row.figures.newInPeriod, lang)}</td>
              <td class="num">{formatCount(row.figures.closedInPeriod, lang)}</td>
              <td class="num nowrap">{durationWords(row.figures.acknowledgeMedian, t)}</td>
              <td class="num nowrap">{durationWords(row.figures.closeMedian, t)}</td>
              <td class="num">{formatShare(row.figures.withinTargetShare, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function FullBinsTable({ page, bins }: { page: Page; bins: readonly FullBinRow[] }) {
  const { t, lang } = page;
  if (bins.length === 0) return <p>{t('staff.kpi.bins.none')}</p>;
  return (
    <ScrollRegion labelledBy="kpi-bins-title">
      <table class="kpi-table" id="kpi-bins" aria-labelledby="kpi-bins-title">
        <thead>
          <tr>
            <th scope="col" class="num">{t('staff.kpi.bins.rank')}</th>
            <th scope="col">{t('staff.kpi.bins.code')}</th>
            <th scope="col">{t('staff.kpi.bins.place')}</th>
            <th scope="col">{t('staff.kpi.bins.district')}</th>
            <th scope="col" class="num">{t('staff.kpi.bins.tasks')}</th>
            <th scope="col" class="num">{t('staff.kpi.bins.presses')}</th>
          </tr>
        </thead>
        <tbody>
          {bins.map((bin, i) => (
            <tr>
              <td class="num">{i + 1}</td>
              <th scope="row" class="nowrap">{bin.code}</th>
              <td>{bin.description}</td>
              <td>{bin.district ?? t('staff.kpi.noDistrict')}</td>
              <td class="num">{formatCount(Number(bin.tasks), lang)}</td>
              <td class="num">{formatCount(Number(bin.presses), lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
