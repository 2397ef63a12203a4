// The texts of the mails to people who follow a report: plain text, in the language they chose, every
// word from the i18n tables. The links are built by the caller from PUBLIC_BASE_URL.
import type { MessageParam, Translate } from '../i18n/index.ts';

export interface MailText {
  subject: string;
  text: string;
}

export interface SubscriptionLinks {
  /** The page with "Adresse bestätigen" and "Adresse entfernen". */
  manage: string;
  /** The page with only "Adresse entfernen". */
  remove: string;
}

const paragraphs = (...parts: string[]) => parts.join('\n\n') + '\n';

/** `publicUrl` and `statusUrl`: the report's public page and the reporter's private link, kept in the mail. */
export function confirmationMail(t: Translate, data: { reportId: number; links: SubscriptionLinks; emailDays: number; publicUrl?: string; statusUrl?: string }): MailText {
  return {
    subject: t('mail.confirm.subject', { id: data.reportId }),
    text: paragraphs(
      t('mail.greeting'),
      t('mail.confirm.intro', { id: data.reportId }),
      `${t('mail.confirm.confirmLink')}\n${data.links.manage}`,
      `${t('mail.confirm.removeLink')}\n${data.links.remove}`,
      ...(data.statusUrl ? [`${t('mail.confirm.statusLink')}\n${data.statusUrl}`] : []),
      ...(data.publicUrl ? [`${t('mail.confirm.publicLink')}\n${data.publicUrl}`] : []),
      t('mail.confirm.noConfirmation'),
      t('mail.retention', { days: data.emailDays }),
      `${t('mail.automatic')}\n${t('site.name')}`,
    ),
  };
}

export function statusMail(
  t: Translate,
  data: { reportId: number; state: MessageParam; answer: string; reportUrl: string; removeUrl: string; emailDays: number },
): MailText {
  return {
    subject: t('mail.status.subject', { id: data.reportId, state: data.state }),
    text: paragraphs(
      t('mail.greeting'),
      t('mail.status.intro', { id: data.reportId }),
      t('mail.status.state', { state: data.state }),
      `${t('mail.status.answer')}\n${data.answer.trim()}`,
      `${t('mail.status.reportLink')}\n${data.reportUrl}`,
      `${t('mail.status.removeLink')}\n${data.removeUrl}`,
      t('mail.retention', { days: data.emailDays }),
      `${t('mail.automatic')}\n${t('site.name')}`,
    ),
  };
}
