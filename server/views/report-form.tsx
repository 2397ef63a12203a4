// Step two of /melden: the form for one category. It works without JavaScript (address path); the
// map and "use my location" come on top where JavaScript runs. Errors are shown next to their field
// and summarised at the top, and everything the citizen typed is kept.
import type { Child } from 'hono/jsx';
import type { Category, District } from '../../db/schema.ts';
import type { NearbyReport } from '../../db/citizen-reports.ts';
import { ADDRESS_MAX, DESCRIPTION_MAX, EMAIL_MAX, type FieldErrors, type ReportField, type ReportFormValues } from '../../domain/report-form.ts';
import { whenPast } from '../../domain/time-words.ts';
import { DISTRICT_ONLY, type AddressChoice } from '../report-location.ts';
import { Layout } from './layout.tsx';
import type { Page } from './page.ts';
import { Honeypot } from './scan.tsx';
import { OfflineDrafts } from './offline-drafts.tsx';
import { catalogueText } from '../i18n/catalogue.ts';

export interface ReportFormData {
  category: Category;
  districts: Pick<District, 'id' | 'name'>[];
  values: ReportFormValues;
  errors: FieldErrors;
  formToken: string;
  /** Names of the photos the refused post carried: a server cannot refill a file input, so the page names them. */
  photosSent: string[];
  retentionDays: number;
  /** Without outgoing mail an address could never be confirmed, so none is asked for. */
  mailEnabled: boolean;
  duplicates?: NearbyReport[];
  /** The "Meinten Sie …" step: the typed address named several houses, or none exactly. */
  choice?: AddressChoice;
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
  const name = catalogueText(page.lang, category.name_de, category.name_en);
  const notice = catalogueText(page.lang, category.notice_de, category.notice_en);
  const action = page.href(`/melden/${category.slug}`);
  const errorFields = Object.keys(errors) as ReportField[];
  const photosLine = photosNotKept(page, data.photosSent);
  return (
    <Layout page={page} title={t('report.formTitle', { category: name })} head={<>{data.head ?? null}<SendOnceScript /></>}>
      <h1>{t('report.formTitle', { category: name })}</h1>
      {notice ? <p class="notice notice-danger">{notice}</p> : null}
      <OfflineDrafts page={page} category={{ slug: category.slug, name }} />
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
            {photosLine && !errors.fotos ? (
              <li>
                <a href="#fotos">{photosLine}</a>
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}
      {data.choice ? (
        <div class="choose-address-summary" role="status">
          <h2>{t('report.choose.title')}</h2>
          <p>
            <a href="#adresswahl">{t('report.choose.link')}</a>
          </p>
        </div>
      ) : null}
      {data.duplicates?.length ? <Duplicates page={page} data={data} /> : null}
      <form method="post" action={action} enctype="multipart/form-data" novalidate data-send-once>
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
            {/* web/address-suggest.js turns this into a combobox that suggests the city's addresses (/adressen). */}
            <input id="strasse" name="strasse" type="text" value={values.strasse} maxlength={ADDRESS_MAX} autocomplete="street-address" aria-describedby={describedBy(errors, 'ort', 'address-hint')} data-suggest={page.href('/adressen')} data-suggest-hint={t('report.suggest.hint')} data-suggest-count={t('report.suggest.count', { count: '{count}' })} data-suggest-none={t('report.suggest.none')} />
            {data.choice ? <AddressChoiceStep page={page} choice={data.choice} values={values} /> : values.adresse ? <ChosenAddress values={values} /> : null}
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
          {photosLine ? (
            <p class="field-error" id="fotos-again">
              {photosLine}
            </p>
          ) : null}
          <input id="fotos" name="fotos" type="file" accept="image/jpeg,image/png,image/webp" multiple aria-describedby={describedBy(errors, 'fotos', photosLine ? 'fotos-again' : undefined)} />
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
        <button type="submit" class="button" data-sending={t('report.sending')}>
          {data.duplicates?.length ? t('report.submitAnyway') : t('report.submit')}
        </button>
      </form>
      <script defer src="/static/address-suggest.js"></script>
    </Layout>
  );
}

/** Disables a form's button after the first tap (web/send-once.js); the server holds without it. */
export function SendOnceScript() {
  return <script defer src="/static/send-once.js"></script>;
}

/** "Ihre 2 Fotos (a.jpg, b.jpg) sind nicht mitgekommen …": photos are stored only with a report (decision 031). */
function photosNotKept(page: Page, names: string[]): string | null {
  if (!names.length) return null;
  // At most the three a form can carry are named; a crafted post with more is only counted.
  const list = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
  return names.length === 1 ? page.t('report.photosNotKeptOne', { name: list }) : page.t('report.photosNotKept', { count: names.length, names: list });
}

/**
 * "Meinten Sie …": the candidates as radio buttons, and "none of these: the district only". Everything
 * typed stays in the form; `gefragt` holds the address the choice belongs to, so that a changed address
 * is looked up afresh instead of taking an old choice.
 */
function AddressChoiceStep({ page, choice, values }: { page: Page; choice: AddressChoice; values: ReportFormValues }) {
  const { t } = page;
  const typed = values.strasse;
  const lead =
    choice.reason === 'noNumber'
      ? t('report.choose.noNumber', { typed })
      : choice.reason === 'ambiguous'
        ? t('report.choose.ambiguous', { typed })
        : choice.candidates.length
          ? t('report.choose.unknown', { typed })
          : t('report.choose.unknownNone', { typed });
  return (
    <fieldset class="choose-address" id="adresswahl" tabindex={-1}>
      <legend>{t('report.choose.legend')}</legend>
      <p>{lead}</p>
      <input type="hidden" name="gefragt" value={typed} />
      {choice.candidates.map((c, i) => (
        <label class="radio">
          <input type="radio" name="adresse" value={String(c.id)} checked={i === 0 && choice.candidates.length === 1} /> {c.label}
        </label>
      ))}
      <label class="radio">
        <input type="radio" name="adresse" value={DISTRICT_ONLY} /> {t('report.choose.districtOnly')}
      </label>
    </fieldset>
  );
}

/** A choice made in an earlier step, carried through the "Schon gemeldet?" step. */
function ChosenAddress({ values }: { values: ReportFormValues }) {
  return (
    <>
      <input type="hidden" name="adresse" value={values.adresse} />
      <input type="hidden" name="gefragt" value={values.gefragt} />
    </>
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
                {d.address
                  ? t('report.duplicateAt', { id: d.id, address: d.address, distance: Math.round(d.distance), when: whenPast(new Date(d.createdAt), data.now, lang, t) })
                  : t('report.duplicate', { id: d.id, distance: Math.round(d.distance), when: whenPast(new Date(d.createdAt), data.now, lang, t) })}
              </a>
            </p>
            {d.description ? <p class="muted">{d.description}</p> : null}
            <form method="post" action={page.href(`/m/${d.id}/ich-auch`)} data-send-once>
              <button type="submit" class="button button-secondary" data-sending={t('report.sending')}>
                {t('report.metoo')}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
