// The page to black out a region of one photo: the picture and a form with the rectangle as four
// numbers (percent of the image), which works without JavaScript. web/staff-moderation.js adds drawing
// with the mouse and moving with the arrow keys; it only fills in the same four fields.
import type { MessageKey } from '../../i18n/index.ts';
import type { RectField, RectInput } from '../../photo-redaction.ts';
import { RECT_FIELDS } from '../../photo-redaction.ts';
import type { StaffUser } from '../../staff/access.ts';
import type { Page } from '../page.ts';
import { moderationPaths as paths } from '../../paths.ts';
import { StaffLayout } from './layout.tsx';

export interface RedactionPageData {
  reportId: number;
  photoId: number;
  /** 1-based position among the report's photos, as the panel numbers them. */
  n: number;
  width: number;
  height: number;
  redacted: boolean;
  values: RectInput;
  errors: Partial<Record<RectField, MessageKey>>;
  /** After "black out and choose another region". */
  saved: boolean;
}

const LABELS: Record<RectField, MessageKey> = {
  x: 'staff.moderation.redact.x',
  y: 'staff.moderation.redact.y',
  breite: 'staff.moderation.redact.width',
  hoehe: 'staff.moderation.redact.height',
};

export function RedactionPage({ page, user, csrfToken, data }: { page: Page; user: StaffUser; csrfToken: string; data: RedactionPageData }) {
  const { t } = page;
  const heading = t('staff.moderation.redact.title', { n: data.n, id: data.reportId });
  const failed = RECT_FIELDS.filter((f) => data.errors[f]);
  const title = failed.length ? `${t('staff.moderation.redact.errorTitle')}: ${heading}` : heading;
  const src = data.redacted ? paths.redacted(data.photoId) : paths.original(data.photoId);
  return (
    <StaffLayout
      page={page}
      user={user}
      csrfToken={csrfToken}
      title={title}
      styles={['staff-moderation.css']}
      head={<script src="/static/staff-moderation.js" defer></script>}
    >
      <p>
        <a href={page.href(paths.panel(data.reportId))}>{t('staff.moderation.redact.back', { id: data.reportId })}</a>
      </p>
      <h1>{heading}</h1>
      <p class="lead">{t('staff.moderation.redact.lead')}</p>
      {data.saved ? (
        <p class="status" role="status">
          {t('staff.moderation.redact.saved')}
        </p>
      ) : null}
      {failed.length ? (
        <div class="error-summary" role="alert" aria-labelledby="redact-errors-title">
          <h2 id="redact-errors-title">{t('staff.moderation.redact.errorSummary')}</h2>
          <ul>
            {failed.map((f) => (
              <li>
                <a href={`#rect-${f}`}>
                  {t(LABELS[f])}: {t(data.errors[f]!)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="redact-layout">
        <figure class="redact-figure">
          <div class="redact-stage" id="redact-stage">
            <img
              src={src}
              id="redact-image"
              width={data.width}
              height={data.height}
              alt={t(data.redacted ? 'staff.moderation.photoAltRedacted' : 'staff.moderation.photoAlt', { n: data.n, id: data.reportId })}
              draggable={false}
            />
            <button type="button" class="redact-rect" id="redact-rect" aria-label={t('staff.moderation.redact.rectangle')} aria-describedby="redact-help-js" hidden></button>
          </div>
          <figcaption>
            {t(data.redacted ? 'staff.moderation.redact.showingRedacted' : 'staff.moderation.redact.showingOriginal')}{' '}
            {t('staff.moderation.redact.size', { width: data.width, height: data.height })}
          </figcaption>
        </figure>
        <form method="post" action={page.href(paths.redact(data.reportId, data.photoId))} class="redact-form" novalidate>
          <input type="hidden" name="csrf" value={csrfToken} />
          <fieldset>
            <legend>{t('staff.moderation.redact.legend')}</legend>
            <p class="help" id="redact-help">
              {t('staff.moderation.redact.help')}
            </p>
            <p class="help" id="redact-help-js" hidden>
              {t('staff.moderation.redact.helpJs')}
            </p>
            <div class="redact-fields">
              {RECT_FIELDS.map((f) => (
                <div class="redact-field">
                  <label for={`rect-${f}`}>{t(LABELS[f])}</label>
                  {data.errors[f] ? (
                    <p class="field-error" id={`rect-${f}-error`}>
                      {t(data.errors[f]!)}
                    </p>
                  ) : null}
                  <input
                    type="text"
                    inputmode="decimal"
                    id={`rect-${f}`}
                    name={f}
                    value={data.values[f]}
                    autocomplete="off"
                    required
                    aria-describedby={data.errors[f] ? `rect-${f}-error redact-help` : 'redact-help'}
                    aria-invalid={data.errors[f] ? 'true' : undefined}
                  />
                </div>
              ))}
            </div>
          </fieldset>
          <button type="submit" class="button">
            {t('staff.moderation.redact.submit')}
          </button>
          <button type="submit" name="weiter" value="1" class="mod-button redact-more">
            {t('staff.moderation.redact.submitMore')}
          </button>
        </form>
      </div>
    </StaffLayout>
  );
}
