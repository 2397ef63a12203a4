// What every action on a staff report shares: finding the report and checking that the user may
// change it, rendering the page (also again with a refused form, status 422), and the redirect back
// with a status message.
import type { Context } from 'hono';
import { loadReportChoices } from '../../db/report-choices.ts';
import { listConfirmedSubscriptions } from '../../db/subscriptions.ts';
import { loadModerationState } from '../../db/staff-moderation.ts';
import { findStaffReport, type StaffReportDetails } from '../../db/staff-reports.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { staffActor } from '../../domain/report-events.ts';
import { isReportState, TRANSITIONS, type ReportState } from '../../domain/states.ts';
import type { MessageKey } from '../i18n/index.ts';
import { canChangeReport, canSeeReport, type StaffUser } from '../staff/access.ts';
import { isLang } from '../i18n/index.ts';
import { pageFor } from '../views/page.ts';
import type { ActionFormState, ActionName, FieldMessage } from '../views/staff/report-form-bits.tsx';
import { StaffReportPage } from '../views/staff/report-page.tsx';
import { parseFormBody } from '../body.ts';
import { reportPaths } from '../paths.ts';


export function reportIdOf(c: Context<AppEnv>): number {
  return Number(c.req.param('id'));
}

export function scopeOf(details: StaffReportDetails) {
  return { departmentId: details.report.department_id, kind: details.categoryKind };
}

/** The report with everything staff see; 404 unknown, 403 when the user may not see it. */
export async function loadVisibleReport(ctx: AppContext, user: StaffUser, id: number): Promise<StaffReportDetails> {
  const details = await findStaffReport(ctx.db, id);
  if (!details) throw new UserError(404, 'error.notFoundReport');
  // Logged in but not theirs: 403, not 404. Report numbers are public (/m/{number}), so hiding
  // existence would protect nothing and would only confuse colleagues sent a wrong link.
  if (!canSeeReport(user, scopeOf(details))) throw new UserError(403, 'staff.forbidden');
  return details;
}

/** For every POST: the report, 404/403 as above, and 403 when the user may see but not change it. */
export async function loadChangeableReport(ctx: AppContext, c: Context<AppEnv>) {
  const session = c.get('staffSession')!;
  const details = await loadVisibleReport(ctx, session.user, reportIdOf(c));
  if (!canChangeReport(session.user, scopeOf(details))) throw new UserError(403, 'staff.forbidden');
  return { session, details, meta: { actor: staffActor(session.user.id), now: ctx.clock.now().toISOString() } };
}

export function nextStatesOf(state: string): readonly ReportState[] {
  return isReportState(state) ? TRANSITIONS[state] : [];
}

/** The form's text fields as strings (a file field or a repeated name counts as missing). */
export async function formValues(c: Context<AppEnv>, fields: readonly string[]): Promise<Record<string, string>> {
  const body = await parseFormBody(c);
  return Object.fromEntries(fields.map((f) => [f, typeof body[f] === 'string' ? (body[f] as string) : '']));
}

/** Line ends as the browser sends them (CRLF) become LF; surrounding blanks go. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim();
}

const FLASH_KEYS: Record<string, MessageKey> = {
  gesehen: 'staff.report.flash.acknowledged',
  status: 'staff.report.flash.state',
  antwort: 'staff.report.flash.answer',
  notiz: 'staff.report.flash.note',
  prioritaet: 'staff.report.flash.priority',
  zuweisen: 'staff.report.flash.assigned',
  weiterleiten: 'staff.report.flash.forwarded',
  duplikat: 'staff.report.flash.duplicate',
  kategorie: 'staff.report.flash.category',
  ort: 'staff.report.flash.location',
  unveraendert: 'staff.report.flash.unchanged',
};

function flashFrom(c: Context<AppEnv>): FieldMessage | null {
  const done = c.req.query('erledigt') ?? '';
  // Own keys only: "toString" or "constructor" in the URL must not find what every object has.
  const key = Object.hasOwn(FLASH_KEYS, done) ? FLASH_KEYS[done] : undefined;
  if (!key) return null;
  const mails = Number(c.req.query('mails') ?? 0);
  const number = Number(c.req.query('nummer') ?? 0);
  return { key, params: { mails: Number.isInteger(mails) && mails >= 0 ? mails : 0, number: Number.isInteger(number) ? number : 0 } };
}

/** 303 back to the report with a status message; keeps a language chosen by ?lang=. */
export function redirectBack(c: Context<AppEnv>, id: number, done: ActionName | 'unveraendert', extra: Record<string, string | number> = {}) {
  const params = new URLSearchParams({ erledigt: done, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])) });
  const lang = c.req.query('lang');
  if (isLang(lang)) params.set('lang', lang);
  return c.redirect(`${reportPaths.page(id)}?${params.toString()}`, 303);
}

/** The page; with `form` it shows a submitted form again (422 with errors, 200 to insert a template). */
export async function renderReportPage(ctx: AppContext, c: Context<AppEnv>, details: StaffReportDetails, form: ActionFormState | null = null, status: 200 | 422 = 200) {
  const session = c.get('staffSession')!;
  const id = details.report.id;
  const nextStates = nextStatesOf(details.report.state);
  const [choices, moderation, confirmed] = await Promise.all([
    loadReportChoices(ctx.db, details.report, nextStates),
    loadModerationState(ctx.db, id),
    listConfirmedSubscriptions(ctx.db, id),
  ]);
  return c.html(
    <StaffReportPage
      page={pageFor(c)}
      user={session.user}
      csrfToken={session.csrfToken}
      data={details}
      choices={choices}
      moderation={moderation}
      nextStates={nextStates}
      mailCount={confirmed.length}
      now={ctx.clock.now()}
      canChange={canChangeReport(session.user, scopeOf(details))}
      form={form}
      flash={form ? null : flashFrom(c)}
    />,
    status,
  );
}

/** A refused form: the page again with status 422, the values kept and each message at its field. */
export function refuse(ctx: AppContext, c: Context<AppEnv>, details: StaffReportDetails, action: ActionName, values: Record<string, string>, errors: Record<string, FieldMessage>) {
  return renderReportPage(ctx, c, details, { action, values, errors }, 422);
}
