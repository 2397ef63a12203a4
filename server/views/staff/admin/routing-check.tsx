// "Which department gets a report here?": a category, a point (typed, or set on the map with
// JavaScript) or a bin code, and the answer with its reason. Works as a plain GET form without JS.
import type { Category } from '../../../../db/schema.ts';
import type { Config } from '../../../config.ts';
import { numberFormatsPerLanguage } from '../../../../domain/formatters.ts';
import type { BBox, Point } from '../../../../domain/geo.ts';
import type { RouteReason } from '../../../../domain/routing.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import type { Problems } from '../../../routes/admin/form.ts';
import { MapAssets, MapBox } from '../../map.tsx';
import type { Page } from '../../page.ts';
import { categoryName } from './categories.tsx';
import { AdminLayout, SelectField, TextField, type AdminFrame } from './parts.tsx';

export interface RoutingCheckValues {
  category: string;
  lat: string;
  lon: string;
  bin: string;
}

export interface RoutingAnswer {
  reason: RouteReason;
  departmentName: string;
  districtName: string | null;
  categoryId: number;
  binCode: string | null;
  point: Point;
}

/** Coordinates with up to six decimals in the language's notation (built once, see domain/formatters.ts). */
const COORDINATE = numberFormatsPerLanguage({ maximumFractionDigits: 6 });

const REASON_KEYS: Record<RouteReason, MessageKey> = {
  bin: 'staff.admin.check.reason.bin',
  'district-rule': 'staff.admin.check.reason.districtRule',
  'category-rule': 'staff.admin.check.reason.cityRule',
  'category-default': 'staff.admin.check.reason.default',
  central: 'staff.admin.check.reason.central',
};

function Answer({ page, answer }: { page: Page; answer: RoutingAnswer }) {
  const { t } = page;
  const fmt = (n: number) => COORDINATE[page.lang].format(n);
  return (
    <div class="admin-answer">
      <h2>{t('staff.admin.check.answerTitle')}</h2>
      <p class="admin-answer-department">{t('staff.admin.check.answer', { department: answer.departmentName })}</p>
      <dl class="facts">
        <dt>{t('staff.admin.check.reason')}</dt>
        <dd data-reason={answer.reason}>{t(REASON_KEYS[answer.reason], { district: answer.districtName ?? '–', code: answer.binCode ?? '' })}</dd>
        <dt>{t('staff.admin.check.district')}</dt>
        <dd>{answer.districtName ?? t('staff.admin.check.noDistrict')}</dd>
        <dt>{t('staff.admin.check.point')}</dt>
        <dd>
          {fmt(answer.point.lat)}, {fmt(answer.point.lon)}
        </dd>
      </dl>
    </div>
  );
}

export function RoutingCheckPage(
  props: AdminFrame & {
    categories: Pick<Category, 'id' | 'name_de' | 'name_en'>[];
    values: RoutingCheckValues;
    problems: Problems;
    answer: RoutingAnswer | null;
    center: Point;
    bounds: BBox | null;
    config: Pick<Config, 'tileUrl' | 'tileAttribution'>;
  },
) {
  const { page, values, problems } = props;
  const { t } = page;
  return (
    <AdminLayout
      {...props}
      title={t('staff.admin.check.title')}
      problems={problems}
      back={{ href: '/intern/verwaltung/zustaendigkeit', label: t('staff.admin.check.back') }}
      head={
        <>
          <MapAssets />
          <script defer src="/static/staff-admin.js"></script>
        </>
      }
    >
      <p>{t('staff.admin.check.lead')}</p>
      <form method="get" action="/intern/verwaltung/zustaendigkeit/pruefen" class="admin-form admin-check-form" data-routing-check novalidate>
        {page.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <fieldset>
          <legend>{t('staff.admin.check.question')}</legend>
          <SelectField
            page={page}
            name="kategorie"
            label={t('staff.admin.routing.category')}
            value={values.category}
            problems={problems}
            required
            options={[{ value: '', label: t('staff.admin.choose') }, ...props.categories.map((c) => ({ value: String(c.id), label: categoryName(page, c) }))]}
          />
          <MapBox
            page={page}
            mode="pick"
            id="check-map"
            center={props.center}
            zoom={12}
            config={props.config}
            skipTo="lat"
            label={t('staff.admin.check.mapLabel')}
            help={t('staff.admin.check.mapHelp')}
            latInput="lat"
            lonInput="lon"
            locate={false}
          />
          <div class="admin-coords">
            <TextField page={page} name="lat" label={t('staff.admin.check.lat')} value={values.lat} problems={problems} inputmode="decimal" maxlength={20} help={t('staff.admin.check.latHelp')} noOptionalMark />
            <TextField page={page} name="lon" label={t('staff.admin.check.lon')} value={values.lon} problems={problems} inputmode="decimal" maxlength={20} help={t('staff.admin.check.lonHelp')} noOptionalMark />
          </div>
          <TextField page={page} name="papierkorb" label={t('staff.admin.check.bin')} value={values.bin} problems={problems} maxlength={20} help={t('staff.admin.check.binHelp')} />
        </fieldset>
        <button type="submit" class="admin-button">
          {t('staff.admin.check.submit')}
        </button>
      </form>
      <div id="routing-result" aria-live="polite" data-text-loading={t('staff.admin.check.loading')} data-text-choose-category={t('staff.admin.check.chooseCategory')}>
        {props.answer ? <Answer page={page} answer={props.answer} /> : null}
      </div>
    </AdminLayout>
  );
}
