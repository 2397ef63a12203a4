// Moderation on the staff report page (section #moderation): the whole report visible or hidden, the
// reporter's text, the address words they typed and each photo published or not, and the way to black out a region of a photo.
// Every action is a small POST form, so it works without JavaScript.
import type { ModerationPhoto, ModerationState } from '../../../db/staff-moderation.ts';
import type { Page } from '../page.ts';
import { moderationPaths as paths } from '../../paths.ts';

/** The stylesheet the panel needs; the report page passes it to StaffLayout's `styles`. */
export const MODERATION_STYLES = ['staff-moderation.css'] as const;

export function PostButton({ page, csrfToken, action, label, variant }: { page: Page; csrfToken: string; action: string; label: string; variant?: 'warn' }) {
  return (
    <form method="post" action={page.href(action)} class="mod-inline-form">
      <input type="hidden" name="csrf" value={csrfToken} />
      <button type="submit" class={variant === 'warn' ? 'mod-button mod-button-warn' : 'mod-button'}>
        {label}
      </button>
    </form>
  );
}

function PhotoItem({ page, csrfToken, reportId, photo, n, readOnly }: { page: Page; csrfToken: string; reportId: number; photo: ModerationPhoto; n: number; readOnly: boolean }) {
  const { t } = page;
  const label = t('staff.moderation.photoLabel', { n });
  if (photo.removed) {
    return (
      <li class="mod-photo mod-photo-removed">
        <h4>{label}</h4>
        <p>{t('staff.moderation.photoRemoved')}</p>
      </li>
    );
  }
  // Staff see what the public would get: the redacted copy once there is one, the original a click away.
  const src = photo.redacted ? paths.redacted(photo.id) : paths.original(photo.id);
  return (
    <li class="mod-photo">
      <h4>{label}</h4>
      <a href={src} class="mod-thumb">
        <img
          src={src}
          width={photo.width}
          height={photo.height}
          alt={t(photo.redacted ? 'staff.moderation.photoAltRedacted' : 'staff.moderation.photoAlt', { n, id: reportId })}
          loading="lazy"
        />
      </a>
      <p class="mod-state">
        <span class={photo.published ? 'mod-badge mod-badge-public' : 'mod-badge'}>
          {t(photo.published ? 'staff.moderation.photoPublished' : 'staff.moderation.photoUnpublished')}
        </span>
        {photo.redacted ? <span class="mod-note">{t('staff.moderation.photoRedacted')}</span> : null}
      </p>
      {readOnly ? null : (
        <div class="mod-actions">
          {photo.published ? (
            <PostButton page={page} csrfToken={csrfToken} action={paths.hidePhoto(reportId, photo.id)} label={t('staff.moderation.hidePhoto', { n })} />
          ) : (
            <PostButton page={page} csrfToken={csrfToken} action={paths.publishPhoto(reportId, photo.id)} label={t('staff.moderation.publishPhoto', { n })} />
          )}
          <a class="mod-button mod-link-button" href={page.href(paths.redact(reportId, photo.id))}>
            {t('staff.moderation.redactPhoto', { n })}
          </a>
        </div>
      )}
      {photo.redacted && !readOnly ? (
        <div class="mod-actions">
          <a href={paths.original(photo.id)}>{t('staff.moderation.viewOriginal', { n })}</a>
          <PostButton page={page} csrfToken={csrfToken} action={paths.unredact(reportId, photo.id)} label={t('staff.moderation.unredact', { n })} variant="warn" />
        </div>
      ) : null}
    </li>
  );
}

/** `readOnly`: the states, text and photos without the buttons, for a role that may see but not moderate (crews). */
export function ModerationPanel({ page, csrfToken, state, readOnly = false }: { page: Page; csrfToken: string; state: ModerationState; readOnly?: boolean }) {
  const { t } = page;
  const id = state.reportId;
  return (
    <section id="moderation" class="moderation" aria-labelledby="moderation-title">
      <h2 id="moderation-title">{t('staff.moderation.title')}</h2>
      <div class={state.hidden ? 'mod-visibility mod-visibility-hidden' : 'mod-visibility'}>
        <p>{t(state.hidden ? 'staff.moderation.reportHidden' : 'staff.moderation.reportVisible')}</p>
        {readOnly ? null : state.hidden ? (
          <PostButton page={page} csrfToken={csrfToken} action={paths.showReport(id)} label={t('staff.moderation.showReport')} />
        ) : (
          <PostButton page={page} csrfToken={csrfToken} action={paths.hideReport(id)} label={t('staff.moderation.hideReport')} variant="warn" />
        )}
      </div>

      <h3>{t('staff.moderation.description')}</h3>
      {state.description ? (
        <>
          <p class="mod-state">
            <span class={state.descriptionPublished ? 'mod-badge mod-badge-public' : 'mod-badge'}>
              {t(state.descriptionPublished ? 'staff.moderation.textPublished' : 'staff.moderation.textUnpublished')}
            </span>
          </p>
          <blockquote class="mod-text">{state.description}</blockquote>
          {readOnly ? null : state.descriptionPublished ? (
            <PostButton page={page} csrfToken={csrfToken} action={paths.hideText(id)} label={t('staff.moderation.hideText')} />
          ) : (
            <PostButton page={page} csrfToken={csrfToken} action={paths.publishText(id)} label={t('staff.moderation.publishText')} />
          )}
        </>
      ) : (
        <p>{t('staff.moderation.noDescription')}</p>
      )}

      <h3>{t('staff.moderation.address')}</h3>
      {state.address ? (
        <>
          <p class="mod-state">
            <span class={state.addressPublished ? 'mod-badge mod-badge-public' : 'mod-badge'}>
              {state.addressPublished
                ? t('staff.moderation.addressPublished')
                : state.geocodedAddress
                  ? t('staff.moderation.addressUnpublishedGeocoded', { place: state.geocodedAddress })
                  : t('staff.moderation.addressUnpublished')}
            </span>
          </p>
          <blockquote class="mod-text">{state.address}</blockquote>
          {readOnly ? null : state.addressPublished ? (
            <PostButton page={page} csrfToken={csrfToken} action={paths.hideAddress(id)} label={t('staff.moderation.hideAddress')} />
          ) : (
            <PostButton page={page} csrfToken={csrfToken} action={paths.publishAddress(id)} label={t('staff.moderation.publishAddress')} />
          )}
        </>
      ) : (
        <p>{t('staff.moderation.noAddress')}</p>
      )}

      <h3>{t('staff.moderation.photos')}</h3>
      {state.photos.length === 0 ? (
        <p>{t('staff.moderation.noPhotos')}</p>
      ) : (
        <ul class="mod-photos">
          {state.photos.map((photo, i) => (
            <PhotoItem page={page} csrfToken={csrfToken} reportId={id} photo={photo} n={i + 1} readOnly={readOnly} />
          ))}
        </ul>
      )}
    </section>
  );
}
