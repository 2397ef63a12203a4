// Pieces every action form on the staff report page shares: the CSRF field, a field's error message,
// a form's state after a refused submission (422: values kept, message at the field) and the
// template picker that fills an answer (with JavaScript at once, without by a submit that re-renders).
import type { TemplateChoice } from '../../../db/report-templates.ts';
import type { MessageKey, MessageParams } from '../../i18n/index.ts';
import type { Page } from '../page.ts';
import { formatState } from '../staff.tsx';
import { reportPaths } from '../../paths.ts';

/** The action names are the last part of the form's URL: POST /intern/meldungen/{id}/{action}. */
export const ACTIONS = ['gesehen', 'status', 'antwort', 'notiz', 'prioritaet', 'zuweisen', 'weiterleiten', 'duplikat', 'kategorie', 'ort'] as const;
export type ActionName = (typeof ACTIONS)[number];

export interface FieldMessage {
  key: MessageKey;
  params?: MessageParams;
}

/** A submitted form shown again: after a refusal (errors) or to insert a template (no errors). */
export interface ActionFormState {
  action: ActionName;
  values: Record<string, string>;
  errors: Record<string, FieldMessage>;
}

export interface FormContext {
  page: Page;
  reportId: number;
  csrfToken: string;
  form: ActionFormState | null;
}

export function actionUrl(f: FormContext, action: ActionName): string {
  return f.page.href(reportPaths.action(f.reportId, action));
}

/** The submitted value of a field when this form is the one shown again, otherwise the default. */
export function valueOf(f: FormContext, action: ActionName, field: string, fallback: string): string {
  return f.form?.action === action ? (f.form.values[field] ?? fallback) : fallback;
}

export function errorOf(f: FormContext, action: ActionName, field: string): FieldMessage | null {
  return f.form?.action === action ? (f.form.errors[field] ?? null) : null;
}

/** aria attributes of a field that may carry an error; the message's id is `<id>-error`. */
export function invalidAttrs(error: FieldMessage | null, id: string, hint?: string) {
  const describedBy = [error ? `${id}-error` : null, hint ?? null].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': describedBy || undefined };
}

export function FieldError({ page, id, error }: { page: Page; id: string; error: FieldMessage | null }) {
  return error ? (
    <p class="field-error" id={`${id}-error`}>
      {page.t(error.key, error.params)}
    </p>
  ) : null;
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="csrf" value={token} />;
}

/**
 * The template picker: a select whose options carry the text (staff-report.js copies it into the
 * text area named by data-fills) and a submit button that asks the server to do the same.
 */
export function TemplatePicker({ f, id, fills, templates, selected }: { f: FormContext; id: string; fills: string; templates: TemplateChoice[]; selected: string }) {
  const { t } = f.page;
  if (templates.length === 0) return null;
  return (
    <div class="template-picker">
      <label for={id}>{t('staff.report.template.label')}</label>
      <div class="inline-controls">
        <select id={id} name="vorlage" data-fills={fills} class="js-template">
          <option value="">{t('staff.report.template.none')}</option>
          {templates.map((tpl) => (
            <option value={String(tpl.id)} selected={selected === String(tpl.id)} data-body={tpl.body} data-state={tpl.state ?? undefined}>
              {tpl.state ? `${tpl.title} (${formatState(f.page, tpl.state)})` : tpl.title}
            </option>
          ))}
        </select>
        <button type="submit" name="vorlage_einsetzen" value="1" class="small-button secondary js-template-submit" formnovalidate>
          {t('staff.report.template.use')}
        </button>
      </div>
    </div>
  );
}
