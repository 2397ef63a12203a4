// The bin edit form: every field with its label, help and, after a refused save, its message, the
// value as typed kept; an error summary at the top links to each field.
import type { BinField, BinFormErrors, BinFormValues } from '../../routes/staff-bins-form.tsx';
import type { Page } from '../page.ts';

export interface BinEditFormData {
  values: BinFormValues;
  errors: BinFormErrors;
  departments: { id: number; name: string }[];
}

function FieldError({ page, field, errors }: { page: Page; field: BinField; errors: BinFormErrors }) {
  const error = errors[field];
  return error ? (
    <p class="field-error" id={`${field}-error`}>
      {page.t(error.key, error.params)}
    </p>
  ) : null;
}

/** aria attributes that tie a field to its message and help. */
function described(field: BinField, errors: BinFormErrors, help?: string) {
  const ids = [errors[field] ? `${field}-error` : null, help ?? null].filter(Boolean).join(' ');
  return { 'aria-invalid': errors[field] ? ('true' as const) : undefined, 'aria-describedby': ids || undefined };
}

export function BinEditForm({ page, data, action, csrfToken }: { page: Page; data: BinEditFormData; action: string; csrfToken: string }) {
  const { t } = page;
  const { values, errors } = data;
  const fields = Object.keys(errors) as BinField[];
  const text = (field: BinField, label: string, extra: Record<string, unknown> = {}) => (
    <>
      <label for={field}>{label}</label>
      <FieldError page={page} field={field} errors={errors} />
      <input type="text" id={field} name={field} value={values[field]} {...described(field, errors)} {...extra} />
    </>
  );
  return (
    <section aria-labelledby="edit-title" class="bins-action">
      <h2 id="edit-title">{t('staff.bins.edit')}</h2>
      {fields.length ? (
        <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
          <h3>{t('staff.bins.errorSummary')}</h3>
          <ul>
            {fields.map((f) => (
              <li>
                <a href={`#${f}`}>
                  {t(`staff.bins.field.${f}`)}: {t(errors[f]!.key, errors[f]!.params)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={action} class="bins-edit" novalidate>
        <input type="hidden" name="csrf" value={csrfToken} />
        <fieldset>
          <legend>{t('staff.bins.facts')}</legend>
          {text('bin_type', t('staff.bins.type'), { maxlength: 200, required: true })}
          {text('volume_l', t('staff.bins.volume'), { inputmode: 'numeric' })}
          {text('description', t('staff.bins.description'), { maxlength: 200 })}
          <label for="department_id">{t('staff.bins.department')}</label>
          <FieldError page={page} field="department_id" errors={errors} />
          <select id="department_id" name="department_id" {...described('department_id', errors)}>
            <option value="">{t('staff.bins.departmentNone')}</option>
            {data.departments.map((d) => (
              <option value={String(d.id)} selected={String(d.id) === values.department_id}>
                {d.name}
              </option>
            ))}
          </select>
          <label for="next_emptying_at">{t('staff.bins.nextEmptying')}</label>
          <p class="help" id="next-help">
            {t('staff.bins.nextEmptyingHelp')}
          </p>
          <FieldError page={page} field="next_emptying_at" errors={errors} />
          <input type="datetime-local" id="next_emptying_at" name="next_emptying_at" value={values.next_emptying_at} {...described('next_emptying_at', errors, 'next-help')} />
        </fieldset>
        <fieldset>
          <legend>{t('staff.bins.place')}</legend>
          <p class="help" id="location-help">
            {t('staff.bins.locationHelp')}
          </p>
          <label for="lat">{t('staff.bins.lat')}</label>
          <FieldError page={page} field="lat" errors={errors} />
          <input type="text" id="lat" name="lat" value={values.lat} inputmode="decimal" {...described('lat', errors, 'location-help')} />
          <label for="lon">{t('staff.bins.lon')}</label>
          <FieldError page={page} field="lon" errors={errors} />
          <input type="text" id="lon" name="lon" value={values.lon} inputmode="decimal" {...described('lon', errors, 'location-help')} />
        </fieldset>
        <button type="submit" class="button bins-button">
          {t('staff.bins.save')}
        </button>
      </form>
    </section>
  );
}
