// One report as staff see it: everything staff may see (reporter addresses, priority, assignee, due
// time, duplicates, the whole history) and every action on it as a small plain form.
import type { ReportChoices } from '../../../db/report-choices.ts';
import type { ModerationState } from '../../../db/staff-moderation.ts';
import type { StaffReportDetails } from '../../../db/staff-reports.ts';
import { isOpen, isReportState, type ReportState } from '../../../domain/states.ts';
import type { StaffUser } from '../../staff/access.ts';
import type { Page } from '../page.ts';
import { formatState } from '../staff.tsx';
import { StaffLayout } from './layout.tsx';
import { MODERATION_STYLES, ModerationPanel } from './moderation.tsx';
import { ReportFacts } from './report-facts.tsx';
import type { ActionFormState, FieldMessage, FormContext } from './report-form-bits.tsx';
import { ReportHistory } from './report-history.tsx';
import { AssignForm, CategoryForm, DuplicateForm, ForwardForm, LocationForm, PriorityForm } from './report-routing.tsx';
import { AcknowledgeForm, AnswerForm, NoteForm, StateForm } from './report-work.tsx';
import { reportPaths } from '../../paths.ts';

export interface StaffReportPageProps {
  page: Page;
  user: StaffUser;
  csrfToken: string;
  data: StaffReportDetails;
  choices: ReportChoices;
  moderation: ModerationState;
  /** The states the report may move to now (domain/states.ts). */
  nextStates: readonly ReportState[];
  /** Confirmed reporter addresses: who gets an answer by mail. */
  mailCount: number;
  now: Date;
  /** False for crews: they see their bin tasks, but every form here would be refused (canChangeReport). */
  canChange: boolean;
  form?: ActionFormState | null;
  flash?: FieldMessage | null;
}

/** The first field with an error, for the summary's link. */
const FIELD_IDS: Record<string, string> = {
  'status.status': 'status-to',
  'status.antwort': 'status-answer',
  'antwort.text': 'answer-text',
  'notiz.text': 'note-text',
  'prioritaet.prioritaet': 'priority',
  'zuweisen.bearbeitung': 'assignee',
  'weiterleiten.fachamt': 'forward-department',
  'weiterleiten.grund': 'forward-reason',
  'duplikat.original': 'duplicate-of',
  'kategorie.kategorie': 'category',
  'ort.lat': 'location-lat',
  'ort.lon': 'location-lon',
  'ort.adresse': 'location-address',
};

function ErrorSummary({ page, form }: { page: Page; form: ActionFormState }) {
  const entries = Object.entries(form.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert">
      <h2>{page.t('staff.report.errorSummary')}</h2>
      <ul>
        {entries.map(([field, error]) => (
          <li>
            <a href={`#${FIELD_IDS[`${form.action}.${field}`] ?? ''}`}>{page.t(error.key, error.params)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ActionGroup({ id, title, children }: { id: string; title: string; children: unknown }) {
  return (
    <section class="action-group" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

export function StaffReportPage(props: StaffReportPageProps) {
  const { page, user, csrfToken, data, choices } = props;
  const { t } = page;
  const { report } = data;
  const hasErrors = !!props.form && Object.keys(props.form.errors).length > 0;
  const heading = t('staff.report.title', { number: report.id });
  const title = hasErrors ? `${t('staff.report.errorTitle')}: ${heading}` : heading;
  const f: FormContext = { page, reportId: report.id, csrfToken, form: props.form ?? null };
  const open = isReportState(report.state) && isOpen(report.state);
  const canMerge = props.nextStates.includes('duplicate');
  return (
    <StaffLayout page={page} user={user} csrfToken={csrfToken} title={title} styles={[...MODERATION_STYLES, 'staff-report.css']} head={<script src="/static/staff-report.js" defer></script>}>
      <p>
        <a href={page.href('/intern/meldungen')}>{t('staff.report.backToQueue')}</a>
      </p>
      <h1>{heading}</h1>
      <p class="state-line">
        {t('staff.report.state')}: <span class={`state-badge ${open ? 'state-open' : 'state-closed'}`}>{formatState(page, report.state)}</span>
      </p>
      {props.flash ? (
        <p class="flash" role="status">
          {t(props.flash.key, props.flash.params)}
        </p>
      ) : null}
      {props.form ? <ErrorSummary page={page} form={props.form} /> : null}
      {report.hidden ? <p class="notice">{t('staff.report.hidden')}</p> : null}
      {data.duplicateOf ? (
        <p class="notice">
          {t('staff.report.isDuplicateOf')} <a href={page.href(reportPaths.page(data.duplicateOf.id))}>{t('staff.report.numberShort', { number: data.duplicateOf.id })}</a> ({formatState(page, data.duplicateOf.state)})
        </p>
      ) : null}

      <div class="report-columns">
        <div class="report-main">
          <h2 id="angaben">{t('staff.report.details')}</h2>
          <ReportFacts page={page} data={data} choices={choices} now={props.now} />

          <h2 id="meldende">{t('staff.report.reporters')}</h2>
          {data.reporters.length === 0 ? (
            <p>{t('staff.report.noReporters')}</p>
          ) : (
            <ul class="reporters">
              {data.reporters.map((r) => (
                <li>
                  <a href={`mailto:${r.email}`}>{r.email}</a> ({t(r.confirmed ? 'staff.report.confirmed' : 'staff.report.unconfirmed')})
                </li>
              ))}
            </ul>
          )}

          {/* The moderation panel brings its own section and heading "Moderation" (id #moderation). */}
          <ModerationPanel page={page} csrfToken={csrfToken} state={props.moderation} readOnly={!props.canChange} />
        </div>

        {props.canChange ? (
          <div class="report-actions">
            <h2 id="bearbeiten">{t('staff.report.actions')}</h2>
            <p class="help shortcut-help" id="shortcut-help" hidden>
              {t('staff.report.shortcuts')}
            </p>
            <ActionGroup id="gruppe-status" title={t('staff.report.group.state')}>
              {report.state === 'new' ? <AcknowledgeForm f={f} /> : null}
              <StateForm f={f} nextStates={props.nextStates} choices={choices} mailCount={props.mailCount} />
            </ActionGroup>
            <ActionGroup id="gruppe-antwort" title={t('staff.report.group.answer')}>
              <AnswerForm f={f} choices={choices} mailCount={props.mailCount} />
            </ActionGroup>
            <ActionGroup id="gruppe-notiz" title={t('staff.report.group.note')}>
              <NoteForm f={f} />
            </ActionGroup>
            <ActionGroup id="gruppe-zustaendigkeit" title={t('staff.report.group.handling')}>
              <PriorityForm f={f} report={report} />
              <AssignForm f={f} report={report} choices={choices} />
            </ActionGroup>
            <ActionGroup id="gruppe-weiterleiten" title={t('staff.report.group.forward')}>
              <ForwardForm f={f} report={report} choices={choices} />
            </ActionGroup>
            {canMerge ? (
              <ActionGroup id="gruppe-duplikat" title={t('staff.report.group.duplicate')}>
                <DuplicateForm f={f} />
              </ActionGroup>
            ) : null}
            <ActionGroup id="gruppe-korrektur" title={t('staff.report.group.correct')}>
              <CategoryForm f={f} report={report} choices={choices} />
              <LocationForm f={f} report={report} />
            </ActionGroup>
          </div>
        ) : (
          <div class="report-actions">
            <h2 id="bearbeiten">{t('staff.report.actions')}</h2>
            <p>{t('staff.report.crewReadOnly')}</p>
            <p>
              <a href={page.href('/intern/kolonne')}>{t('staff.report.crewLink')}</a>
            </p>
          </div>
        )}
      </div>

      <h2>{t('staff.report.history')}</h2>
      <ReportHistory page={page} events={data.events} names={{ staff: data.staffNames, choices }} />
    </StaffLayout>
  );
}
