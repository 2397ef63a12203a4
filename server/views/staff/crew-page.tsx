// The crew's phone page: where (district or "near me"), then one card per bin with its reasons,
// presses and age, a geo: link to navigate, and "geleert" per bin or for the selected bins.
// Works without JavaScript; web/staff-crew.js only adds the "near me" button.
import type { CrewBin } from '../../../db/crew-tasks.ts';
import { HOURS_PER_PRESS, NEAR_RADIUS_M } from '../../../db/crew-tasks.ts';
import { isBinReason, reasonLabel } from '../../../domain/bin-reasons.ts';
import { ago } from '../../../domain/time-words.ts';
import type { StaffUser } from '../../staff/access.ts';
import type { Page } from '../page.ts';
import { StaffLayout } from './layout.tsx';
import { LangField } from './bins-common.tsx';

export interface CrewPageData {
  user: StaffUser;
  csrfToken: string;
  now: Date;
  districts: { id: number; name: string }[];
  /** The chosen district's id as typed (kept in the select on a bad value). */
  districtId: number | null;
  near: { lat: number; lon: number } | null;
  bins: CrewBin[];
  total: number;
  /** Bins and tasks just recorded (after the 303). */
  done: { bins: number; tasks: number } | null;
  error: { field: 'bin' | 'bezirk' | 'position'; key: 'staff.crew.error.noneSelected' | 'staff.crew.error.badBin' | 'staff.crew.error.badDistrict' | 'staff.crew.error.badPosition' } | null;
}

function reasonText(page: Page, task: CrewBin['tasks'][number]): string {
  if (isBinReason(task.reason)) return page.t(reasonLabel[task.reason]);
  return page.lang === 'en' ? task.categoryNameEn : task.categoryName;
}

function BinCard({ page, bin, now }: { page: Page; bin: CrewBin; now: Date }) {
  const { t } = page;
  const headingId = `bin-${bin.binId}`;
  return (
    <li class="crew-bin" aria-labelledby={headingId}>
      <h2 id={headingId} class="crew-bin-title">
        <span class="crew-code">{bin.code}</span> {bin.description}
      </h2>
      <dl class="crew-facts">
        <dt>{t('staff.crew.place')}</dt>
        <dd>{bin.districtName ?? '–'}</dd>
        <dt>{t('staff.crew.reasons')}</dt>
        <dd>
          <ul class="crew-reasons">
            {bin.tasks.map((task) => (
              <li>
                {reasonText(page, task)} ({task.presses})
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('staff.crew.presses')}</dt>
        <dd>{bin.presses}</dd>
        <dt>{t('staff.crew.waiting')}</dt>
        <dd>{ago(new Date(bin.oldestAt), now, page.lang, t)}</dd>
        {bin.distanceM !== null ? (
          <>
            <dt>{t('staff.crew.distance')}</dt>
            <dd>{t('staff.crew.meters', { m: Math.round(bin.distanceM / 10) * 10 })}</dd>
          </>
        ) : null}
      </dl>
      <div class="crew-actions">
        <a class="crew-navigate" href={`geo:${bin.lat.toFixed(6)},${bin.lon.toFixed(6)}`}>
          {t('staff.crew.navigate', { code: bin.code })}
        </a>
        {bin.emptiable ? (
          <>
            <label class="crew-select">
              <input type="checkbox" name="bin" value={String(bin.binId)} />
              <span>{t('staff.crew.select', { code: bin.code })}</span>
            </label>
            {/* "nur" empties just this bin, whatever else is ticked. */}
            <button type="submit" name="nur" value={String(bin.binId)} class="button crew-empty-one" aria-label={t('staff.crew.emptiedOneLabel', { code: bin.code })}>
              {t('staff.crew.emptiedOne')}
            </button>
          </>
        ) : (
          <p class="muted crew-not-settled">{t(bin.sharedWithOtherDepartment ? 'staff.crew.sharedBin' : 'staff.crew.notSettled')}</p>
        )}
      </div>
    </li>
  );
}

function scopeText(page: Page, data: CrewPageData): string {
  const district = data.districts.find((d) => d.id === data.districtId);
  if (data.near) return page.t('staff.crew.scope.near', { count: data.total, km: NEAR_RADIUS_M / 1000 });
  if (district) return page.t('staff.crew.scope.district', { count: data.total, district: district.name });
  return page.t('staff.crew.scope.all', { count: data.total });
}

export function CrewPage({ page, data }: { page: Page; data: CrewPageData }) {
  const { t } = page;
  const err = data.error;
  const title = err ? `${t('staff.crew.errorTitle')}: ${t('staff.crew.title')}` : t('staff.crew.title');
  return (
    <StaffLayout page={page} user={data.user} csrfToken={data.csrfToken} title={title} styles={['staff-crew.css']} head={<script src="/static/staff-crew.js" defer></script>}>
      <h1>{t('staff.crew.title')}</h1>
      <p class="help">{t('staff.crew.order', { hours: HOURS_PER_PRESS })}</p>
      {/* At the top, not at the list: after the reload the person sees the top of the page. */}
      {err?.field === 'bin' ? (
        <p class="error" role="alert" id="bin-error">
          {t(err.key)}
        </p>
      ) : null}
      {data.done ? (
        <p class="flash" role="status">
          {data.done.bins === 1 ? t('staff.crew.doneOne', { tasks: data.done.tasks }) : t('staff.crew.done', { bins: data.done.bins, tasks: data.done.tasks })}
        </p>
      ) : null}
      <section class="crew-where" aria-labelledby="crew-where-title">
        <h2 id="crew-where-title" class="crew-where-title">
          {t('staff.crew.where')}
        </h2>
        <form method="get" action="/intern/kolonne" class="crew-district-form">
          <LangField page={page} />
          <label for="bezirk">{t('staff.crew.district')}</label>
          {err?.field === 'bezirk' ? (
            <p class="field-error" id="bezirk-error">
              {t(err.key)}
            </p>
          ) : null}
          <div class="crew-row">
            <select id="bezirk" name="bezirk" aria-invalid={err?.field === 'bezirk' ? 'true' : undefined} aria-describedby={err?.field === 'bezirk' ? 'bezirk-error' : undefined}>
              <option value="">{t('staff.crew.allDistricts')}</option>
              {data.districts.map((d) => (
                <option value={String(d.id)} selected={d.id === data.districtId}>
                  {d.name}
                </option>
              ))}
            </select>
            <button type="submit" class="button crew-show">
              {t('staff.crew.show')}
            </button>
          </div>
        </form>
        {/* Without JavaScript this form stays hidden: it needs the browser's position. */}
        <form method="get" action="/intern/kolonne" class="crew-near-form" id="crew-near" hidden data-locating={t('staff.crew.locating')} data-failed={t('staff.crew.locationFailed')}>
          <LangField page={page} />
          <input type="hidden" name="lat" value="" />
          <input type="hidden" name="lon" value="" />
          <button type="submit" class="button button-secondary crew-near-button">
            {t('staff.crew.nearMe')}
          </button>
          <p class="crew-near-status" role="status" aria-live="polite"></p>
        </form>
        {err?.field === 'position' ? (
          <p class="field-error" role="alert">
            {t(err.key)}
          </p>
        ) : null}
      </section>
      <p>{scopeText(page, data)}</p>
      {data.bins.length < data.total ? <p>{t('staff.crew.limited', { shown: data.bins.length })}</p> : null}
      {data.bins.length === 0 ? (
        <p class="crew-none">{t('staff.crew.none')}</p>
      ) : (
        <form method="post" action={page.href('/intern/kolonne/geleert')} class="crew-list-form">
          <input type="hidden" name="csrf" value={data.csrfToken} />
          {data.districtId !== null ? <input type="hidden" name="bezirk" value={String(data.districtId)} /> : null}
          {data.near ? (
            <>
              <input type="hidden" name="lat" value={String(data.near.lat)} />
              <input type="hidden" name="lon" value={String(data.near.lon)} />
            </>
          ) : null}
          <ol class="crew-bins" aria-label={t('staff.crew.listLabel')}>
            {data.bins.map((bin) => (
              <BinCard page={page} bin={bin} now={data.now} />
            ))}
          </ol>
          {data.bins.some((b) => b.emptiable) ? (
            <div class="crew-bulk">
              <button type="submit" class="button crew-empty-selected" aria-describedby={err?.field === 'bin' ? 'bin-error' : undefined}>
                {t('staff.crew.emptiedSelected')}
              </button>
            </div>
          ) : null}
        </form>
      )}
    </StaffLayout>
  );
}
