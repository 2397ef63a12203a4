// Step two of /melden: the form for one category. It works without JavaScript (address path); the
// map and "use my location" come on top where JavaScript runs. Errors are shown next to their field
// and summarised at the top, and everything the citizen typed is kept.
import type { Child } from 'hono/jsx';
import type { Category, District } from '../../db/schema.ts';
import type { NearbyReport } from '../../db/citizen-reports.ts';
import { ADDRESS_MAX, DESCRIPTION_MAX, EMAIL_MAX, type FieldErrors, type ReportField, type ReportFormValues } from '../domain/report-form.ts';
import { whenPast } from '../domain/time-words.ts';
import { Layout } from './layout.tsx';
import type { Page } from './page.ts';
import { Honeypot } from './scan.tsx';

export interface ReportFormData {
  category: Category;
  districts: Pick<District, 'id' | 'name'>[];
  values: ReportFormValues;
  errors: FieldErrors;
  formToken: string;
  retentionDays: number;
  /** Without outgoing mail an address could never be confirmed, so none is asked for. */
  mailEnabled: boolean;
  duplicates?: NearbyReport[];
  now: Date;
  /** The map widget and its assets, when the page offers one. */
  map?: Child;
  head?: Child;
}

function FieldMessage({ page, errors, field }: { page: Page; errors: FieldErrors; field: ReportField }) {
  const error = errors[field];
  return error ? (
    <p class="field-error" id={`${field}-error`}>
      {page.t(error.key, error.params)}
    </p>
  ) : null;
}

const describedBy = (errors: FieldErrors, field: ReportField, hint?: string) =>
  [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

export function ReportFormPage({ page, data }: { page: Page; data: ReportFormData }) {
  const { t } = page;
  const { category, values, errors } = data;
  const name = page.lang === 'en' ? category.name_en : category.name_de;
  const notice = page.lang === 'en' ? category.notice_en : category.notice_de;
  const action = page.href(`/melden/${category.slug}`);
  const errorFields = Object.keys(errors) as ReportField[];
  return (
    <Layout page={page} title={t('report.formTitle', { category: name })} head={data.head}>
      <h1>{t('report.formTitle', { category: name })}</h1>
      {notice ? <p class="notice notice-danger">{notice}</p> : null}
      <p class="change-category">
        <a href={page.href('/melden')}>{t('report.changeCategory')}</a>
      </p>
      {errorFields.length ? (
        <div class="error-summary" role="alert" tabindex={-1} id="fehler">
          <h2>{t('report.errorSummary')}</h2>
          <ul>
            {errorFields.map((f) => (
              <li>
                <a href={`#${f === 'formular' ? 'senden' : f}`}>{t(errors[f]!.key, errors[f]!.params)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {data.duplicates?.length ? <Duplicates page={page} data={data} /> : null}
      <form method="post" action={action} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="t" value={data.formToken} />
        {data.duplicates?.length ? <input type="hidden" name="trotzdem" value="1" /> : null}
        <Honeypot page={page} id="hp-report" />
        <fieldset id="ort" tabindex={-1}>
          <legend>{t('report.where')}</legend>
          <FieldMessage page={page} errors={errors} field="ort" />
          {data.map ?? null}
          <input type="hidden" name="lat" id="lat" value={values.lat} />
          <input type="hidden" name="lon" id="lon" value={values.lon} />
          <input type="hidden" name="quelle" id="quelle" value={values.quelle} />
          <div class="address" id="adresse">
            <h3>{t('report.addressLegend')}</h3>
            <p class="muted" id="address-hint">
              {t('report.addressHint')}
            </p>
            <label for="strasse">{t('report.street')}</label>
            <input id="strasse" name="strasse" type="text" value={values.strasse} maxlength={ADDRESS_MAX} autocomplete="street-address" aria-describedby={describedBy(errors, 'ort', 'address-hint')} />
            <label for="ortsbezirk">{t('report.district')}</label>
            <select id="ortsbezirk" name="ortsbezirk">
              <option value="">{t('report.districtNone')}</option>
              {data.districts.map((d) => (
                <option value={String(d.id)} selected={values.ortsbezirk === String(d.id)}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('report.what')}</legend>
          <label for="beschreibung">{t('report.description', { max: DESCRIPTION_MAX })}</label>
          <FieldMessage page={page} errors={errors} field="beschreibung" />
          <textarea id="beschreibung" name="beschreibung" rows={5} maxlength={DESCRIPTION_MAX} aria-describedby={describedBy(errors, 'beschreibung')}>
            {values.beschreibung}
          </textarea>
          <label for="fotos">{t('report.photos')}</label>
          <FieldMessage page={page} errors={errors} field="fotos" />
          {data.duplicates?.length || errorFields.length ? <p class="muted">{t('report.photosAgain')}</p> : null}
          <input id="fotos" name="fotos" type="file" accept="image/jpeg,image/png,image/webp" multiple aria-describedby={describedBy(errors, 'fotos')} />
        </fieldset>
        {data.mailEnabled ? (
        <fieldset>
          <legend>{t('report.emailLegend')}</legend>
          <label for="email">{t('report.email')}</label>
          <FieldMessage page={page} errors={errors} field="email" />
          <p class="muted" id="email-hint">
            {t('report.emailHint', { days: data.retentionDays })}
          </p>
          <input id="email" name="email" type="email" value={values.email} maxlength={EMAIL_MAX} autocomplete="email" aria-describedby={describedBy(errors, 'email', 'email-hint')} />
        </fieldset>
        ) : null}
        <p class="notice" id="senden">
          {t('report.privacyHint')} <a href={page.href('/datenschutz')}>{t('report.privacyMore')}</a>
        </p>
        <button type="submit" class="button">
          {data.duplicates?.length ? t('report.submitAnyway') : t('report.submit')}
        </button>
      </form>
    </Layout>
  );
}

function Duplicates({ page, data }: { page: Page; data: ReportFormData }) {
  const { t, lang } = page;
  return (
    <section class="duplicates" aria-labelledby="schon-gemeldet">
      <h2 id="schon-gemeldet">{t('report.duplicatesTitle')}</h2>
      <p>{t('report.duplicatesLead')}</p>
      <ul>
        {data.duplicates!.map((d) => (
          <li>
            <p>
              <a href={page.href(`/m/${d.id}`)}>
                {t('report.duplicate', { id: d.id, distance: Math.round(d.distance), when: whenPast(new Date(d.createdAt), data.now, lang, t) })}
              </a>
            </p>
            {d.description ? <p class="muted">{d.description}</p> : null}
            <form method="post" action={page.href(`/m/${d.id}/ich-auch`)}>
              <button type="submit" class="button button-secondary">
                {t('report.metoo')}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
