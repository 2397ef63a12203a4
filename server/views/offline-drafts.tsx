// The place where web/offline.js shows the reports kept on the phone (offline drafts, decision 035):
// hidden, and filled only by the script, so without JavaScript the page is what it always was. The
// script cannot read the i18n tables, so every text it shows comes with the page as a data attribute.
import type { MessageKey } from '../i18n/index.ts';
import type { Page } from './page.ts';

/** data-text-{name} for each; the script knows them by name (offline.waiting -> textWaiting). */
const TEXTS = [
  'waiting', 'sending', 'sent', 'check', 'serverBusy', 'checkLead', 'duplicatesLead', 'savedAt', 'photos', 'statusLink', 'statusUnknown',
  'publicLink', 'open', 'sendAnyway', 'discard', 'forget', 'opened', 'announceWaiting', 'announceSent', 'announceCheck',
] as const;

/** `category`: on a form page, its slug and name, so that a draft kept from this form is titled. */
export function OfflineDrafts({ page, category }: { page: Page; category?: { slug: string; name: string } }) {
  const { t } = page;
  const texts = Object.fromEntries(TEXTS.map((name) => [`data-text-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, t(`offline.${name}` as MessageKey)]));
  return (
    <>
      <link rel="stylesheet" href="/static/offline.css" />
      <section id="entwuerfe" class="drafts" aria-labelledby="entwuerfe-titel" hidden data-lang={page.lang} data-category={category?.slug} data-category-name={category?.name} {...texts}>
        <h2 id="entwuerfe-titel">{t('offline.title')}</h2>
        <p class="muted">{t('offline.lead')}</p>
        <ul class="drafts-list"></ul>
      </section>
      <p id="entwuerfe-meldung" class="visually-hidden" role="status"></p>
      <script defer src="/static/drafts-db.js"></script>
      <script defer src="/static/offline.js"></script>
    </>
  );
}
