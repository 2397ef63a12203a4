// One report as the public sees it (/m/{number}) or as its reporter sees it through the private
// status link (/status/{token}): the same facts, plus the reporter's own unpublished text there.
import type { Child } from 'hono/jsx';
import type { PublicAnswer, PublicReport } from '../../db/citizen-reports.ts';
import type { DistrictRow } from '../../db/districts.ts';
import type { MessageKey } from '../i18n/index.ts';
import { isOpen, isReportState } from '../../domain/states.ts';
import { whenPast } from '../../domain/time-words.ts';
import { Layout } from './layout.tsx';
import { LocationFigure } from './location-figure.tsx';
import type { Page } from './page.ts';
import { catalogueText } from '../i18n/catalogue.ts';

export interface ReportPageData {
  report: PublicReport;
  answers: PublicAnswer[];
  /** Public photos by their public URL; on the private page the reporter's own, published or not. */
  photos: Array<{ src: string; published: boolean }>;
  now: Date;
  /** The district's outline, for the small location figure that needs no script. */
  district?: DistrictRow;
  /** Absolute address of the public page, to copy or share. */
  publicUrl: string;
  /** A short confirmation at the top ("Danke! …"), after an action on this page. */
  flash?: MessageKey;
  /** The private view: the receipt with the link to keep. */
  receipt?: { statusUrl: string; mailSent: boolean };
  /** The private view (receipt or a later visit through the link): the address of that link. */
  privateUrl?: string;
  map?: Child;
  head?: Child;
}

export function placeInWords(page: Page, r: PublicReport): string {
  const parts = [r.address, r.district ? page.t('report.placeDistrict', { district: r.district }) : null].filter(Boolean);
  return parts.join(', ');
}

export function ReportPage({ page, data }: { page: Page; data: ReportPageData }) {
  const { t, lang } = page;
  const r = data.report;
  const state = isReportState(r.state) ? r.state : 'new';
  const title = t('report.statusTitle', { id: r.id });
  return (
    <Layout
      page={page}
      title={title}
      head={
        <>
          {data.head ?? null}
          <script defer src="/static/share.js"></script>
        </>
      }
    >
      {data.receipt ? (
        <div class="receipt" role="status">
          <h1>{t('report.receiptTitle', { id: r.id })}</h1>
          <p>{t('report.receiptLink')}</p>
          <p class="status-link">
            <a href={data.receipt.statusUrl}>{data.receipt.statusUrl}</a>
          </p>
          <CopyLink page={page} url={data.receipt.statusUrl} title={title} />
          {data.receipt.mailSent ? <p>{t('report.receiptMail')}</p> : null}
        </div>
      ) : (
        <h1>{title}</h1>
      )}
      {data.privateUrl && !data.receipt ? (
        <>
          <p class="muted">{t('report.privateView')}</p>
          <CopyLink page={page} url={data.privateUrl} title={title} />
        </>
      ) : null}
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
          {data.district ? <LocationFigure page={page} district={data.district} point={r} /> : <br />}
          <a href={page.href(`/karte?report=${r.id}`)}>{t('report.showOnMap')}</a>
        </dd>
        <dt>{t('report.reported')}</dt>
        <dd>{whenPast(new Date(r.createdAt), data.now, lang, t)}</dd>
      </dl>
      {data.map ?? null}
      {r.supportCount > 1 ? <p>{t('report.supporters', { count: r.supportCount })}</p> : null}
      {r.description ? <p class="description">{r.description}</p> : null}
      {/* Only while there is something to publish: a published report without a description has nothing pending. */}
      {!r.textPublished ? <p class="muted">{t(data.privateUrl ? 'report.ownTextPending' : 'report.descriptionPending')}</p> : null}
      {data.photos.length ? (
        <section aria-labelledby="fotos">
          <h2 id="fotos">{t(data.privateUrl ? 'report.ownPhotosTitle' : 'report.photosTitle')}</h2>
          <ul class={data.privateUrl ? 'photos photos-thumbs' : 'photos'}>
            {data.photos.map((p, i) => (
              <li>
                <a href={p.src}>
                  <img src={p.src} alt={t('report.photoAlt', { n: i + 1, id: r.id })} loading="lazy" />
                </a>
                {data.privateUrl ? <span class="muted">{t(p.published ? 'report.photoPublic' : 'report.photoPrivate')}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {/* Not on the reporter's own page: they reported it already. */}
      {isOpen(state) && !data.privateUrl ? <MeToo page={page} report={r} /> : null}
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
      {data.privateUrl ? (
        <p>
          <a href={page.href(`/m/${r.id}`)}>{t('report.publicLink')}</a>
        </p>
      ) : (
        <CopyLink page={page} url={data.publicUrl} title={title} />
      )}
    </Layout>
  );
}

/** "Ich auch": one more person has the same problem. For open reports only; counted once per client and day by the route. */
function MeToo({ page, report }: { page: Page; report: PublicReport }) {
  const { t } = page;
  return (
    <section aria-labelledby="ich-auch" class="me-too">
      <h2 id="ich-auch">{t('report.metooTitle')}</h2>
      <p>{t('report.metooLead')}</p>
      <form method="post" action={page.href(`/m/${report.id}/ich-auch`)}>
        <button type="submit" class="button button-secondary">
          {t('report.metoo')}
        </button>
      </form>
    </section>
  );
}

/**
 * "Link kopieren/teilen": the phone's share sheet where there is one, else the clipboard. It needs
 * JavaScript (web/share.js shows it); without, the link stands above as text to copy by hand.
 */
function CopyLink({ page, url, title }: { page: Page; url: string; title: string }) {
  const { t } = page;
  return (
    <p class="copy-link" hidden data-share-url={url} data-share-title={title} data-text-copied={t('report.linkCopied')} data-text-failed={t('report.linkCopyFailed')}>
      <button type="button" class="button button-secondary">
        {t('report.copyLink')}
      </button>
      <span role="status" class="copy-link-status"></span>
    </p>
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


