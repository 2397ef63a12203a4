// The pages behind the links in subscription mails. Opening them changes nothing: each change is one
// button (a POST), because mail scanners open every link in a mail (decision 010).
import { Layout } from './layout.tsx';
import type { Page } from './page.ts';

export interface SubscriptionView {
  token: string;
  reportId: number;
  confirmed: boolean;
  /** The removal link of a mail leads to a page that offers only removal. */
  removeOnly: boolean;
}

export function SubscriptionPage({ page, data }: { page: Page; data: SubscriptionView }) {
  const { t } = page;
  const title = t('subscription.title', { id: data.reportId });
  const offerConfirm = !data.confirmed && !data.removeOnly;
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p class="lead">{data.confirmed ? t('subscription.confirmed') : t('subscription.unconfirmed')}</p>
      {data.removeOnly ? <p>{t('subscription.removeQuestion')}</p> : null}
      <div class="reasons">
        {offerConfirm ? (
          <form method="post" action={page.href(`/abo/${data.token}/bestaetigen`)}>
            <button type="submit" class="button">
              {t('subscription.confirm')}
            </button>
          </form>
        ) : null}
        {/* Removing looks different from confirming: one tap on the wrong one of two alike buttons would undo the choice. */}
        <form method="post" action={page.href(`/abo/${data.token}/entfernen`)}>
          <button type="submit" class={offerConfirm ? 'button button-secondary' : 'button'}>
            {t('subscription.remove')}
          </button>
        </form>
      </div>
      <p class="help">{t('subscription.removeHint')}</p>
      <p>
        <a href={page.href(`/m/${data.reportId}`)}>{t('subscription.reportLink', { id: data.reportId })}</a>
      </p>
    </Layout>
  );
}

/** What a button did: a GET page, so reloading it shows it again and changes nothing. */
export function SubscriptionDonePage({ page, outcome }: { page: Page; outcome: 'confirmed' | 'removed' }) {
  const { t } = page;
  const title = outcome === 'confirmed' ? t('subscription.confirmedTitle') : t('subscription.removedTitle');
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p class="lead" role="status">
        {outcome === 'confirmed' ? t('subscription.confirmedText') : t('subscription.removedText')}
      </p>
      <p>
        <a href={page.href('/')}>{t('subscription.home')}</a>
      </p>
    </Layout>
  );
}
