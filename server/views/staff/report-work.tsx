// The first action groups on the staff report page: acknowledge, change the state (optionally with
// a public answer), answer in public and write an internal note.
import type { ReportChoices } from '../../../db/report-choices.ts';
import type { ReportState } from '../../../domain/states.ts';
import { formatState } from '../staff.tsx';
import { actionUrl, Csrf, errorOf, FieldError, invalidAttrs, TemplatePicker, valueOf, type FormContext } from './report-form-bits.tsx';

export function AcknowledgeForm({ f }: { f: FormContext }) {
  return (
    <form method="post" action={actionUrl(f, 'gesehen')} class="action-form">
      <Csrf token={f.csrfToken} />
      <p class="help" id="ack-help">
        {f.page.t('staff.report.ack.help')}
      </p>
      <button type="submit" class="small-button" aria-describedby="ack-help">
        {f.page.t('staff.report.ack.submit')}
      </button>
    </form>
  );
}

export function StateForm({ f, nextStates, choices, mailCount }: { f: FormContext; nextStates: readonly ReportState[]; choices: ReportChoices; mailCount: number }) {
  const { t } = f.page;
  if (nextStates.length === 0) return <p>{t('staff.report.state.none')}</p>;
  const toError = errorOf(f, 'status', 'status');
  const answerError = errorOf(f, 'status', 'antwort');
  const selected = valueOf(f, 'status', 'status', '');
  return (
    <form method="post" action={actionUrl(f, 'status')} class="action-form" id="form-status">
      <Csrf token={f.csrfToken} />
      <label for="status-to">{t('staff.report.state.to')}</label>
      <select id="status-to" name="status" required {...invalidAttrs(toError, 'status-to')}>
        <option value="">{t('staff.report.state.choose')}</option>
        {nextStates.map((s) => (
          <option value={s} selected={selected === s}>
            {formatState(f.page, s)}
          </option>
        ))}
      </select>
      <FieldError page={f.page} id="status-to" error={toError} />
      <TemplatePicker f={f} id="status-template" fills="status-answer" templates={choices.stateTemplates} selected={valueOf(f, 'status', 'vorlage', '')} />
      <label for="status-answer">{t('staff.report.state.answer')}</label>
      <p class="help" id="status-answer-help">
        {t('staff.report.answer.help', { count: mailCount })}
      </p>
      <textarea id="status-answer" name="antwort" rows={3} maxlength={ANSWER_MAX} {...invalidAttrs(answerError, 'status-answer', 'status-answer-help')}>
        {valueOf(f, 'status', 'antwort', '')}
      </textarea>
      <FieldError page={f.page} id="status-answer" error={answerError} />
      <button type="submit" class="small-button">
        {t('staff.report.state.submit')}
      </button>
    </form>
  );
}

/** Longest answer or note: a few paragraphs; more belongs into a letter. */
export const ANSWER_MAX = 4000;

export function AnswerForm({ f, choices, mailCount }: { f: FormContext; choices: ReportChoices; mailCount: number }) {
  const { t } = f.page;
  const error = errorOf(f, 'antwort', 'text');
  return (
    <form method="post" action={actionUrl(f, 'antwort')} class="action-form" id="form-answer">
      <Csrf token={f.csrfToken} />
      <TemplatePicker f={f} id="answer-template" fills="answer-text" templates={choices.answerTemplates} selected={valueOf(f, 'antwort', 'vorlage', '')} />
      <label for="answer-text">{t('staff.report.answer.label')}</label>
      <p class="help" id="answer-help">
        {t('staff.report.answer.help', { count: mailCount })}
      </p>
      <textarea id="answer-text" name="text" rows={4} required maxlength={ANSWER_MAX} {...invalidAttrs(error, 'answer-text', 'answer-help')}>
        {valueOf(f, 'antwort', 'text', '')}
      </textarea>
      <FieldError page={f.page} id="answer-text" error={error} />
      <button type="submit" class="small-button">
        {t('staff.report.answer.submit')}
      </button>
    </form>
  );
}

export function NoteForm({ f }: { f: FormContext }) {
  const { t } = f.page;
  const error = errorOf(f, 'notiz', 'text');
  return (
    <form method="post" action={actionUrl(f, 'notiz')} class="action-form" id="form-note">
      <Csrf token={f.csrfToken} />
      <label for="note-text">{t('staff.report.note.label')}</label>
      <p class="help" id="note-help">
        {t('staff.report.note.help')}
      </p>
      <textarea id="note-text" name="text" rows={3} required maxlength={ANSWER_MAX} {...invalidAttrs(error, 'note-text', 'note-help')}>
        {valueOf(f, 'notiz', 'text', '')}
      </textarea>
      <FieldError page={f.page} id="note-text" error={error} />
      <button type="submit" class="small-button">
        {t('staff.report.note.submit')}
      </button>
    </form>
  );
}
