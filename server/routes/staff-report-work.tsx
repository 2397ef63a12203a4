// Actions that move a report forward and talk about it: acknowledge, change the state (with an
// optional public answer), publish an answer, write an internal note.
import { Hono, type Context } from 'hono';
import { loadReportChoices } from '../../db/report-choices.ts';
import { addNote, addPublicAnswer } from '../../db/report-actions.ts';
import type { TemplateChoice } from '../../db/report-templates.ts';
import { changeReportState } from '../../db/reports.ts';
import type { StaffReportDetails } from '../../db/staff-reports.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { isReportState, stateLabel } from '../../domain/states.ts';
import { notifySubscribers } from '../subscriptions.ts';
import type { ActionName, FieldMessage } from '../views/staff/report-form-bits.tsx';
import { ANSWER_MAX } from '../views/staff/report-work.tsx';
import { cleanText, formValues, loadChangeableReport, nextStatesOf, redirectBack, refuse, renderReportPage } from './staff-report-common.tsx';
import { REPORT_ROUTE } from '../paths.ts';

/** A text that must not be empty (unless optional) nor longer than ANSWER_MAX; null when fine. */
export function textProblem(text: string, required: boolean): FieldMessage | null {
  if (!text) return required ? { key: 'staff.report.error.textRequired' } : null;
  if ([...text].length > ANSWER_MAX) return { key: 'staff.report.error.textTooLong', params: { max: ANSWER_MAX } };
  return null;
}

/**
 * "Use template" without JavaScript: the form comes back with the template's text in the text area
 * (and, for a state change, the template's state chosen). Nothing is saved.
 */
async function insertTemplate(
  ctx: AppContext,
  c: Context<AppEnv>,
  details: StaffReportDetails,
  action: ActionName,
  values: Record<string, string>,
  textField: string,
  pick: (choices: Awaited<ReturnType<typeof loadReportChoices>>) => TemplateChoice[],
) {
  const nextStates = nextStatesOf(details.report.state);
  const templates = pick(await loadReportChoices(ctx.db, details.report, nextStates));
  const template = templates.find((tpl) => String(tpl.id) === values['vorlage']);
  if (!template) return refuse(ctx, c, details, action, values, { [textField]: { key: 'staff.report.template.missing' } });
  const filled = { ...values, [textField]: template.body };
  if (action === 'status' && template.state && (nextStates as readonly string[]).includes(template.state)) filled['status'] = template.state;
  return renderReportPage(ctx, c, details, { action, values: filled, errors: {} });
}

export function staffReportWorkRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  app.post(`${REPORT_ROUTE}/gesehen`, async (c) => {
    const { details, meta } = await loadChangeableReport(ctx, c);
    const { state } = details.report;
    // Only from "new": the same transition from a closed state would be a reopening, which is done
    // through the state form where its consequences are visible.
    if (state !== 'new') throw new UserError(409, 'error.transition', { from: stateLabel(state), to: stateLabel('acknowledged') });
    await changeReportState(ctx.db, details.report.id, { to: 'acknowledged', actor: meta.actor, now: meta.now });
    return redirectBack(c, details.report.id, 'gesehen');
  });

  app.post(`${REPORT_ROUTE}/status`, async (c) => {
    const { details, meta } = await loadChangeableReport(ctx, c);
    const values = await formValues(c, ['status', 'antwort', 'vorlage', 'vorlage_einsetzen']);
    if (values['vorlage_einsetzen']) return insertTemplate(ctx, c, details, 'status', values, 'antwort', (ch) => ch.stateTemplates);
    const to = values['status']!;
    const answer = cleanText(values['antwort']!);
    const errors: Record<string, FieldMessage> = {};
    if (!to) errors['status'] = { key: 'staff.report.error.stateRequired' };
    else if (!isReportState(to)) errors['status'] = { key: 'error.unknownState', params: { state: to } };
    const answerProblem = textProblem(answer, false);
    if (answerProblem) errors['antwort'] = answerProblem;
    if (Object.keys(errors).length) return refuse(ctx, c, details, 'status', values, errors);
    // A transition the table does not allow is refused with 409 by changeReportState.
    await changeReportState(ctx.db, details.report.id, { to, actor: meta.actor, now: meta.now, answer: answer || null });
    const mails = answer ? await notifySubscribers(ctx, details.report.id, answer) : 0;
    return redirectBack(c, details.report.id, 'status', answer ? { mails } : {});
  });

  app.post(`${REPORT_ROUTE}/antwort`, async (c) => {
    const { details, meta } = await loadChangeableReport(ctx, c);
    const values = await formValues(c, ['text', 'vorlage', 'vorlage_einsetzen']);
    if (values['vorlage_einsetzen']) return insertTemplate(ctx, c, details, 'antwort', values, 'text', (ch) => ch.answerTemplates);
    const text = cleanText(values['text']!);
    const problem = textProblem(text, true);
    if (problem) return refuse(ctx, c, details, 'antwort', values, { text: problem });
    await addPublicAnswer(ctx.db, details.report.id, text, meta);
    // After the commit: a mail server that is slow or down must not undo or block the answer.
    const mails = await notifySubscribers(ctx, details.report.id, text);
    return redirectBack(c, details.report.id, 'antwort', { mails });
  });

  app.post(`${REPORT_ROUTE}/notiz`, async (c) => {
    const { details, meta } = await loadChangeableReport(ctx, c);
    const values = await formValues(c, ['text']);
    const text = cleanText(values['text']!);
    const problem = textProblem(text, true);
    if (problem) return refuse(ctx, c, details, 'notiz', values, { text: problem });
    await addNote(ctx.db, details.report.id, text, meta);
    return redirectBack(c, details.report.id, 'notiz');
  });

  return app;
}
