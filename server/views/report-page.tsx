// One report as the public sees it (/m/{number}) or as its reporter sees it through the private
// status link (/status/{token}): the same facts, plus the reporter's own unpublished text there.
import type { Child } from 'hono/jsx';
import type { PublicAnswer, PublicReport } from '../../db/citizen-reports.ts';
import type { MessageKey } from '../i18n/index.ts';
import { isOpen, isReportState } from '../domain/states.ts';
import { whenPast } from '../domain/time-words.ts';
import { Layout } from './layout.tsx';
import type { Page } from './page.ts';
import { catalogueText } from '../i18n/catalogue.ts';

export interface ReportPageData {
  report: PublicReport;
  answers: PublicAnswer[];
  photos: Array<{ file: string }>;
  now: Date;
  /** A short confirmation at the top ("Danke! …"), after an action on this page. */
  flash?: MessageKey;
  /** The private view: the receipt with the link to keep. */
  receipt?: { statusUrl: string; mailSent: boolean };
  map?: Child;
  head?: Child;
}

function placeInWords(page: Page, r: PublicReport): string {
  const parts = [r.address, r.district ? page.t('report.placeDistrict', { district: r.district }) : null].filter(Boolean);
  return parts.join(', ');
}

export function ReportPage({ page, data }: { page: Page; data: ReportPageData }) {
  const { t, lang } = page;
  const r = data.report;
  const state = isReportState(r.state) ? r.state : 'new';
  const title = t('report.statusTitle', { id: r.id });
  return (
    <Layout page={page} title={title} head={data.head}>
      {data.receipt ? (
        <div class="receipt" role="status">
          <h1>{t('report.receiptTitle', { id: r.id })}</h1>
          <p>{t('report.receiptLink')}</p>
          <p class="status-link">
            <a href={data.receipt.statusUrl}>{data.receipt.statusUrl}</a>
          </p>
          {data.receipt.mailSent ? <p>{t('report.receiptMail')}</p> : null}
        </div>
      ) : (
        <h1>{title}</h1>
      )}
      {data.flash ? (
        <p class="flash" role="status">
          {t(data.flash)}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('report.category')}</dt>
        <dd>{catalogueText(lang, r.categoryDe, r.categoryEn)}</dd>
        <dt>{t('report.state')}</dt>
        <dd>
          <strong>{t(`state.${state}`)}</strong>
        </dd>
        <dt>{t('report.place')}</dt>
        <dd>
          {placeInWords(page, r)} {r.locationSource === 'address' ? <span class="muted">{t('report.placeFromAddress')}</span> : r.locationSource === 'district' ? <span class="muted">{t('report.placeDistrictOnly')}</span> : null}
          <br />
          <a href={page.href(`/karte?lat=${r.lat.toFixed(5)}&lon=${r.lon.toFixed(5)}`)}>{t('report.showOnMap')}</a>
        </dd>
        <dt>{t('report.reported')}</dt>
        <dd>{whenPast(new Date(r.createdAt), data.now, lang, t)}</dd>
      </dl>
      {data.map ?? null}
      {r.supportCount > 1 ? <p>{t('report.supporters', { count: r.supportCount })}</p> : null}
      {r.description ? <p class="description">{r.description}</p> : <p class="muted">{t('report.descriptionPending')}</p>}
      {data.photos.length ? (
        <section aria-labelledby="fotos">
          <h2 id="fotos">{t('report.photosTitle')}</h2>
          <ul class="photos">
            {data.photos.map((p, i) => (
              <li>
                <img src={`/fotos/${p.file}`} alt={t('report.photoAlt', { n: i + 1, id: r.id })} loading="lazy" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="antworten">
        <h2 id="antworten">{t('report.answers')}</h2>
        {data.answers.length ? (
          <ol class="answers">
            {data.answers.map((a) => (
              <li>
                <p class="muted">
                  {whenPast(new Date(a.at), data.now, lang, t)}
                  {a.toState && isReportState(a.toState) ? ` · ${t(`state.${a.toState}`)}` : ''}
                </p>
                <p>{a.body}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p>{t('report.noAnswers')}</p>
        )}
      </section>
      {!isOpen(state) ? <NotFixed page={page} report={r} /> : null}
      {data.receipt ? (
        <p>
          <a href={page.href(`/m/${r.id}`)}>{t('report.publicLink')}</a>
        </p>
      ) : null}
    </Layout>
  );
}

function NotFixed({ page, report }: { page: Page; report: PublicReport }) {
  const { t } = page;
  if (report.reopenRequestedAt) return <p class="notice">{t('report.reopenPending')}</p>;
  return (
    <section aria-labelledby="nicht-behoben" class="not-fixed">
      <h2 id="nicht-behoben">{t('report.notFixedTitle')}</h2>
      <p>{t('report.notFixedLead')}</p>
      <form method="post" action={page.href(`/m/${report.id}/nicht-behoben`)}>
        <button type="submit" class="button button-secondary">
          {t('report.notFixedSubmit')}
        </button>
      </form>
    </section>
  );
}


