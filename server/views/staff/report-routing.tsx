// Action groups that decide who handles a report and what it is: priority and assignee, forwarding
// to another department, merging into another report, and correcting category or location.
import type { ReportChoices } from '../../../db/report-choices.ts';
import type { Report } from '../../../db/schema.ts';
import { PRIORITIES, priorityKey } from '../../../domain/priority.ts';
import { ADDRESS_MAX } from '../../../domain/report-form.ts';
import { actionUrl, Csrf, errorOf, FieldError, invalidAttrs, valueOf, type FormContext } from './report-form-bits.tsx';
import { ANSWER_MAX } from './report-work.tsx';

export function PriorityForm({ f, report }: { f: FormContext; report: Report }) {
  const { t } = f.page;
  const error = errorOf(f, 'prioritaet', 'prioritaet');
  const selected = valueOf(f, 'prioritaet', 'prioritaet', String(report.priority));
  return (
    <form method="post" action={actionUrl(f, 'prioritaet')} class="action-form inline-form">
      <Csrf token={f.csrfToken} />
      <label for="priority">{t('staff.report.priority.label')}</label>
      <div class="inline-controls">
        <select id="priority" name="prioritaet" {...invalidAttrs(error, 'priority')}>
          {PRIORITIES.map((p) => (
            <option value={String(p)} selected={selected === String(p)}>
              {t(priorityKey(p))}
            </option>
          ))}
        </select>
        <button type="submit" class="small-button">
          {t('staff.report.priority.submit')}
        </button>
      </div>
      <FieldError page={f.page} id="priority" error={error} />
    </form>
  );
}

export function AssignForm({ f, report, choices }: { f: FormContext; report: Report; choices: ReportChoices }) {
  const { t } = f.page;
  const error = errorOf(f, 'zuweisen', 'bearbeitung');
  const selected = valueOf(f, 'zuweisen', 'bearbeitung', report.assigned_staff_id === null ? '' : String(report.assigned_staff_id));
  return (
    <form method="post" action={actionUrl(f, 'zuweisen')} class="action-form inline-form">
      <Csrf token={f.csrfToken} />
      <label for="assignee">{t('staff.report.assign.label')}</label>
      <div class="inline-controls">
        <select id="assignee" name="bearbeitung" {...invalidAttrs(error, 'assignee')}>
          <option value="">{t('staff.report.assign.nobody')}</option>
          {choices.colleagues.map((c) => (
            <option value={String(c.id)} selected={selected === String(c.id)}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="submit" class="small-button">
          {t('staff.report.assign.submit')}
        </button>
      </div>
      <FieldError page={f.page} id="assignee" error={error} />
    </form>
  );
}

export function ForwardForm({ f, report, choices }: { f: FormContext; report: Report; choices: ReportChoices }) {
  const { t } = f.page;
  const deptError = errorOf(f, 'weiterleiten', 'fachamt');
  const reasonError = errorOf(f, 'weiterleiten', 'grund');
  const selected = valueOf(f, 'weiterleiten', 'fachamt', '');
  return (
    <form method="post" action={actionUrl(f, 'weiterleiten')} class="action-form" id="form-forward">
      <Csrf token={f.csrfToken} />
      <label for="forward-department">{t('staff.report.forward.department')}</label>
      <select id="forward-department" name="fachamt" required {...invalidAttrs(deptError, 'forward-department')}>
        <option value="">{t('staff.report.forward.choose')}</option>
        {choices.departments
          .filter((d) => d.id !== report.department_id)
          .map((d) => (
            <option value={String(d.id)} selected={selected === String(d.id)}>
              {d.name}
            </option>
          ))}
      </select>
      <FieldError page={f.page} id="forward-department" error={deptError} />
      <label for="forward-reason">{t('staff.report.forward.reason')}</label>
      <p class="help" id="forward-help">
        {t('staff.report.forward.help')}
      </p>
      <textarea id="forward-reason" name="grund" rows={2} required maxlength={ANSWER_MAX} {...invalidAttrs(reasonError, 'forward-reason', 'forward-help')}>
        {valueOf(f, 'weiterleiten', 'grund', '')}
      </textarea>
      <FieldError page={f.page} id="forward-reason" error={reasonError} />
      <button type="submit" class="small-button">
        {t('staff.report.forward.submit')}
      </button>
    </form>
  );
}

export function DuplicateForm({ f }: { f: FormContext }) {
  const { t } = f.page;
  const error = errorOf(f, 'duplikat', 'original');
  return (
    <form method="post" action={actionUrl(f, 'duplikat')} class="action-form inline-form" id="form-duplicate">
      <Csrf token={f.csrfToken} />
      <label for="duplicate-of">{t('staff.report.duplicate.label')}</label>
      <p class="help" id="duplicate-help">
        {t('staff.report.duplicate.help')}
      </p>
      <div class="inline-controls">
        <input type="text" id="duplicate-of" name="original" inputmode="numeric" autocomplete="off" required size={8} value={valueOf(f, 'duplikat', 'original', '')} {...invalidAttrs(error, 'duplicate-of', 'duplicate-help')} />
        <button type="submit" class="small-button">
          {t('staff.report.duplicate.submit')}
        </button>
      </div>
      <FieldError page={f.page} id="duplicate-of" error={error} />
    </form>
  );
}

export function CategoryForm({ f, report, choices }: { f: FormContext; report: Report; choices: ReportChoices }) {
  const { t, lang } = f.page;
  const error = errorOf(f, 'kategorie', 'kategorie');
  const selected = valueOf(f, 'kategorie', 'kategorie', String(report.category_id));
  const current = choices.categories.find((c) => c.id === report.category_id);
  // Only categories of the same kind: a bin task is not a pothole; inactive ones only if already chosen.
  const offered = choices.categories.filter((c) => c.kind === (current?.kind ?? c.kind) && (c.active || c.id === report.category_id));
  return (
    <form method="post" action={actionUrl(f, 'kategorie')} class="action-form inline-form">
      <Csrf token={f.csrfToken} />
      <label for="category">{t('staff.report.category.label')}</label>
      <p class="help" id="category-help">
        {t('staff.report.category.help')}
      </p>
      <div class="inline-controls">
        <select id="category" name="kategorie" {...invalidAttrs(error, 'category', 'category-help')}>
          {offered.map((c) => (
            <option value={String(c.id)} selected={selected === String(c.id)}>
              {t('staff.report.category.option', { name: lang === 'en' ? c.nameEn : c.nameDe, hours: c.targetHours })}
            </option>
          ))}
        </select>
        <button type="submit" class="small-button">
          {t('staff.report.category.submit')}
        </button>
      </div>
      <FieldError page={f.page} id="category" error={error} />
    </form>
  );
}

export function LocationForm({ f, report }: { f: FormContext; report: Report }) {
  const { t } = f.page;
  const latError = errorOf(f, 'ort', 'lat');
  const lonError = errorOf(f, 'ort', 'lon');
  const addressError = errorOf(f, 'ort', 'adresse');
  return (
    <form method="post" action={actionUrl(f, 'ort')} class="action-form" id="form-location">
      <Csrf token={f.csrfToken} />
      <fieldset>
        <legend>{t('staff.report.location.legend')}</legend>
        <p class="help" id="location-help">
          {t('staff.report.location.help')}
        </p>
        <div class="coordinates">
          <div>
            <label for="location-lat">{t('staff.report.location.lat')}</label>
            <input type="text" id="location-lat" name="lat" inputmode="decimal" autocomplete="off" required value={valueOf(f, 'ort', 'lat', report.lat.toFixed(6))} {...invalidAttrs(latError, 'location-lat', 'location-help')} />
            <FieldError page={f.page} id="location-lat" error={latError} />
          </div>
          <div>
            <label for="location-lon">{t('staff.report.location.lon')}</label>
            <input type="text" id="location-lon" name="lon" inputmode="decimal" autocomplete="off" required value={valueOf(f, 'ort', 'lon', report.lon.toFixed(6))} {...invalidAttrs(lonError, 'location-lon', 'location-help')} />
            <FieldError page={f.page} id="location-lon" error={lonError} />
          </div>
        </div>
        <label for="location-address">{t('staff.report.location.address')}</label>
        <p class="help" id="location-address-help">
          {t('staff.report.location.addressHelp')}
        </p>
        <input type="text" id="location-address" name="adresse" maxlength={ADDRESS_MAX} autocomplete="off" value={valueOf(f, 'ort', 'adresse', report.address ?? '')} {...invalidAttrs(addressError, 'location-address', 'location-address-help')} />
        <FieldError page={f.page} id="location-address" error={addressError} />
      </fieldset>
      <button type="submit" class="small-button">
        {t('staff.report.location.submit')}
      </button>
    </form>
  );
}
