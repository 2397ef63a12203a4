// Building blocks of the admin pages: the frame with the section's heading and success message,
// an error summary that links to the fields, and fields that show their own problem and keep input.
import type { Child } from 'hono/jsx';
import type { MessageKey } from '../../../i18n/index.ts';
import type { Problem, Problems } from '../../../routes/admin/form.ts';
import type { StaffUser } from '../../../staff/access.ts';
import type { Page } from '../../page.ts';
import { StaffLayout } from '../layout.tsx';

export interface AdminFrame {
  page: Page;
  user: StaffUser;
  csrfToken: string;
}

export function AdminLayout(props: AdminFrame & { title: string; flash?: MessageKey | null; problems?: Problems; head?: Child; back?: { href: string; label: string }; children: Child }) {
  const { page } = props;
  const { t } = page;
  const failed = props.problems && Object.keys(props.problems).length > 0;
  // The title says that something went wrong, so that a screen reader hears it first on a 422 page.
  const title = failed ? `${t('staff.admin.errorTitle')}: ${props.title}` : props.title;
  return (
    <StaffLayout page={page} user={props.user} csrfToken={props.csrfToken} title={title} styles={['staff-admin.css']} head={props.head}>
      <p class="admin-back">
        <a href={page.href(props.back?.href ?? '/intern/verwaltung')}>{props.back?.label ?? t('staff.admin.back')}</a>
      </p>
      <h1>{props.title}</h1>
      {props.flash ? (
        <p class="flash" role="status">
          {t(props.flash)}
        </p>
      ) : null}
      {failed ? <ErrorSummary page={page} problems={props.problems!} /> : null}
      {props.children}
    </StaffLayout>
  );
}

export function problemText(page: Page, problem: Problem): string {
  return page.t(problem.key, problem.params);
}

export function ErrorSummary({ page, problems }: { page: Page; problems: Problems }) {
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{page.t('staff.admin.errorSummary')}</h2>
      <ul>
        {Object.entries(problems).map(([field, problem]) => (
          <li>
            <a href={`#${field}`}>{problemText(page, problem)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function FieldError({ page, id, problem }: { page: Page; id: string; problem?: Problem }) {
  return problem ? (
    <p class="field-error" id={`${id}-error`}>
      {problemText(page, problem)}
    </p>
  ) : null;
}

/** aria-describedby for a field: its help line and its error, whichever exist. */
function describedBy(id: string, help: unknown, problem: unknown): string | undefined {
  const ids = [help ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

interface FieldProps {
  page: Page;
  name: string;
  label: string;
  problems?: Problems;
  help?: string;
  required?: boolean;
  /** The element id; defaults to the name (the error summary links to it). */
  id?: string;
}

export function TextField(props: FieldProps & { value: string; /** Not required, but not optional either (one of several ways to answer). */ noOptionalMark?: boolean; type?: 'text' | 'email' | 'password'; maxlength?: number; inputmode?: 'numeric' | 'decimal'; autocomplete?: string; multiline?: boolean }) {
  const id = props.id ?? props.name;
  const problem = props.problems?.[props.name];
  const common = {
    id,
    name: props.name,
    required: props.required,
    maxlength: props.maxlength,
    'aria-invalid': problem ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, props.help, problem),
  };
  return (
    <div class="admin-field">
      <label for={id}>
        {props.label}
        {props.required || props.noOptionalMark ? null : <span class="optional"> ({props.page.t('staff.admin.optional')})</span>}
      </label>
      {props.help ? (
        <p class="help" id={`${id}-help`}>
          {props.help}
        </p>
      ) : null}
      <FieldError page={props.page} id={id} problem={problem} />
      {props.multiline ? (
        <textarea {...common} rows={3}>
          {props.value}
        </textarea>
      ) : (
        <input {...common} type={props.type ?? 'text'} value={props.value} inputmode={props.inputmode} autocomplete={props.autocomplete ?? 'off'} spellcheck={props.type === 'email' ? false : undefined} />
      )}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: FieldProps & { value: string; options: Option[] }) {
  const id = props.id ?? props.name;
  const problem = props.problems?.[props.name];
  return (
    <div class="admin-field">
      <label for={id}>{props.label}</label>
      {props.help ? (
        <p class="help" id={`${id}-help`}>
          {props.help}
        </p>
      ) : null}
      <FieldError page={props.page} id={id} problem={problem} />
      <select id={id} name={props.name} required={props.required} aria-invalid={problem ? 'true' : undefined} aria-describedby={describedBy(id, props.help, problem)}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField(props: { page: Page; name: string; label: string; checked: boolean; help?: string; value?: string; id?: string }) {
  const id = props.id ?? props.name;
  return (
    <div class="admin-check">
      <input type="checkbox" id={id} name={props.name} value={props.value ?? '1'} checked={props.checked} aria-describedby={props.help ? `${id}-help` : undefined} />
      <label for={id}>{props.label}</label>
      {props.help ? (
        <p class="help" id={`${id}-help`}>
          {props.help}
        </p>
      ) : null}
    </div>
  );
}

/** A group of checkboxes with one legend and one error, e.g. an account's departments. */
export function CheckboxGroup(props: { page: Page; name: string; legend: string; options: Option[]; values: readonly string[]; problems?: Problems; help?: string }) {
  const problem = props.problems?.[props.name];
  return (
    <fieldset class="admin-checks" id={props.name} aria-describedby={describedBy(props.name, props.help, problem)}>
      <legend>{props.legend}</legend>
      {props.help ? (
        <p class="help" id={`${props.name}-help`}>
          {props.help}
        </p>
      ) : null}
      <FieldError page={props.page} id={props.name} problem={problem} />
      {props.options.map((o) => (
        <div class="admin-check">
          <input type="checkbox" id={`${props.name}-${o.value}`} name={props.name} value={o.value} checked={props.values.includes(o.value)} />
          <label for={`${props.name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="csrf" value={token} />;
}

/** A one-button form (enable, disable, revoke …): a POST with the CSRF token, never a link. */
export function ActionButton(props: { page: Page; action: string; csrfToken: string; label: string; name?: string; value?: string; danger?: boolean; describedBy?: string }) {
  return (
    <form method="post" action={props.page.href(props.action)} class="admin-inline-form">
      <Csrf token={props.csrfToken} />
      {props.name ? <input type="hidden" name={props.name} value={props.value ?? ''} /> : null}
      <button type="submit" class={props.danger ? 'admin-button admin-button-danger' : 'admin-button admin-button-secondary'} aria-describedby={props.describedBy}>
        {props.label}
      </button>
    </form>
  );
}

export function YesNo({ page, value }: { page: Page; value: boolean }) {
  return <>{page.t(value ? 'staff.admin.yes' : 'staff.admin.no')}</>;
}
