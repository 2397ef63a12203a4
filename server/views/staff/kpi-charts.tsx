// The dashboard's two charts and their text alternatives: new vs closed reports per day or week, and
// open reports per department (or per category when one department is chosen). Each SVG says in its
// label what it shows and the totals; the exact numbers per bar follow in a table under a disclosure.
import type { KpiReport } from '../../../db/kpi-report.ts';
import { BarList, ColumnChart } from '../svg-chart.tsx';
import type { Page } from '../page.ts';
import { formatCount, formatDay, formatShortDay } from './kpi-format.tsx';
import { ScrollRegion } from './kpi-tables.tsx';

// Blue and orange: told apart with every common colour-vision deficiency, both >= 4.5:1 on white.
export const COLOR_NEW = '#0a4fa6';
export const COLOR_CLOSED = '#a34f00';

function Swatch({ color }: { color: string }) {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false" class="kpi-swatch">
      <rect width="14" height="14" fill={color} />
    </svg>
  );
}

export function FlowChart({ page, report }: { page: Page; report: KpiReport }) {
  const { t, lang } = page;
  const { starts, created, closed } = report.series;
  const perDay = report.scope.bucketDays === 1;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const title = t(perDay ? 'staff.kpi.chart.flowTitleDay' : 'staff.kpi.chart.flowTitleWeek');
  const label = t('staff.kpi.chart.flowLabel', {
    title,
    from: formatDay(report.from, lang),
    to: formatDay(report.scope.now, lang),
    created: formatCount(sum(created), lang),
    closed: formatCount(sum(closed), lang),
  });
  return (
    <figure class="kpi-figure">
      <figcaption>
        <h3>{title}</h3>
        <ul class="kpi-legend">
          <li>
            <Swatch color={COLOR_NEW} /> {t('staff.kpi.chart.new')}
          </li>
          <li>
            <Swatch color={COLOR_CLOSED} /> {t('staff.kpi.chart.closed')}
          </li>
        </ul>
      </figcaption>
      {/* Drawn twice, for wide and for narrow screens (CSS shows one): an SVG scales its text with it,
          so one drawing would be either huge on a desktop or unreadably small on a phone. */}
      {([720, 360] as const).map((width) => (
        <ColumnChart
          label={label}
          groups={starts.map((d) => formatShortDay(d, lang))}
          series={[
            { name: t('staff.kpi.chart.new'), values: created, color: COLOR_NEW },
            { name: t('staff.kpi.chart.closed'), values: closed, color: COLOR_CLOSED },
          ]}
          format={(v) => formatCount(v, lang)}
          width={width}
          height={width === 720 ? 260 : 220}
          class={width === 720 ? 'chart kpi-chart kpi-chart-wide' : 'chart kpi-chart kpi-chart-narrow'}
        />
      ))}
      <details class="kpi-details">
        <summary>{t('staff.kpi.chart.asTable')}</summary>
        <ScrollRegion label={title}>
          <table class="kpi-table">
            <thead>
              <tr>
                <th scope="col">{t(perDay ? 'staff.kpi.chart.day' : 'staff.kpi.chart.weekFrom')}</th>
                <th scope="col" class="num">{t('staff.kpi.chart.new')}</th>
                <th scope="col" class="num">{t('staff.kpi.chart.closed')}</th>
              </tr>
            </thead>
            <tbody>
              {starts.map((d, i) => (
                <tr>
                  <th scope="row">{formatDay(d, lang)}</th>
                  <td class="num">{formatCount(created[i]!, lang)}</td>
                  <td class="num">{formatCount(closed[i]!, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </figure>
  );
}

/** Open reports per department, or per category when the selection is a single department. */
export function OpenChart({ page, report }: { page: Page; report: KpiReport }) {
  const { t, lang } = page;
  const byDepartment = report.departments.length > 1;
  const rows = (byDepartment ? report.departments : report.categories).filter((r) => r.figures.open > 0);
  if (rows.length === 0) return null;
  const title = t(byDepartment ? 'staff.kpi.chart.openByDepartment' : 'staff.kpi.chart.openByCategory');
  const items = rows.map((r) => ({ name: r.name, value: r.figures.open }));
  const label = `${title}: ${items.map((i) => `${i.name} ${formatCount(i.value, lang)}`).join(', ')}`;
  return (
    <figure class="kpi-figure">
      <figcaption>
        <h3>{title}</h3>
      </figcaption>
      {([720, 360] as const).map((width) => (
        <BarList
          label={label}
          items={items}
          color={COLOR_NEW}
          format={(v) => formatCount(v, lang)}
          width={width}
          nameWidth={width === 720 ? 230 : 180}
          class={width === 720 ? 'chart kpi-chart kpi-chart-wide' : 'chart kpi-chart kpi-chart-narrow'}
        />
      ))}
    </figure>
  );
}
