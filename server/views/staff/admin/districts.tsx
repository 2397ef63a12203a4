// Districts: the list (with a marker for approximate demo geometry), the GeoJSON import, and
// switching single districts on and off.
import type { DistrictOverview } from '../../../../db/admin-districts.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import type { Problems } from '../../../routes/admin/form.ts';
import { dateTime } from '../../staff.tsx';
import { ActionButton, AdminLayout, Csrf, TextField, YesNo, problemText, type AdminFrame } from './parts.tsx';

export interface DistrictImportForm {
  nameProperty: string;
  problems: Problems;
  /** What the GeoJSON check found, one line per problem. */
  fileProblems: string[];
}

export function DistrictListPage(
  props: AdminFrame & {
    districts: DistrictOverview[];
    form: DistrictImportForm;
    flash: MessageKey | null;
    counts: { added: number; updated: number; deactivated: number } | null;
    maxMegabytes: number;
    /** The limit on positions per file, already formatted for the page's language. */
    maxPositions: string;
  },
) {
  const { page, form } = props;
  const { t } = page;
  const fileProblem = form.problems['file'];
  return (
    <AdminLayout {...props} title={t('staff.admin.districts.title')} problems={form.problems}>
      {props.counts ? <p>{t('staff.admin.districts.counts', props.counts)}</p> : null}
      <p>{t('staff.admin.districts.lead')}</p>
      <div class="table-scroll">
        <table class="admin-table">
          <caption>{t('staff.admin.districts.caption', { count: props.districts.filter((d) => d.active).length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.admin.districts.name')}</th>
              <th scope="col">{t('staff.admin.districts.geometry')}</th>
              <th scope="col" class="num">
                {t('staff.admin.districts.bins')}
              </th>
              <th scope="col" class="num">
                {t('staff.admin.districts.rules')}
              </th>
              <th scope="col">{t('staff.admin.districts.updated')}</th>
              <th scope="col">{t('staff.admin.active')}</th>
              <th scope="col">{t('staff.admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.districts.map((d) => (
              <tr class={d.active ? undefined : 'admin-inactive'}>
                <th scope="row" id={`district-${d.id}`}>
                  {d.name}
                </th>
                <td>{d.approximate ? <span class="admin-tag admin-tag-warn">{t('staff.admin.districts.approximate')}</span> : t('staff.admin.districts.official')}</td>
                <td class="num">{d.bins}</td>
                <td class="num">{d.rules}</td>
                <td>{dateTime(d.updated_at, page)}</td>
                <td>
                  <YesNo page={page} value={d.active} />
                </td>
                <td>
                  <ActionButton
                    page={page}
                    csrfToken={props.csrfToken}
                    action={`/intern/verwaltung/ortsbezirke/${d.id}/aktiv`}
                    name="active"
                    value={d.active ? '0' : '1'}
                    label={t(d.active ? 'staff.admin.deactivate' : 'staff.admin.activate')}
                    describedBy={`district-${d.id}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.districts.some((d) => d.approximate) ? <p class="help">{t('staff.admin.districts.approximateNote')}</p> : null}

      <h2 id="import">{t('staff.admin.districts.import')}</h2>
      <p>{t('staff.admin.districts.importLead')}</p>
      <form method="post" action={page.href('/intern/verwaltung/ortsbezirke/import')} enctype="multipart/form-data" class="admin-form" novalidate>
        <Csrf token={props.csrfToken} />
        <fieldset>
          <legend>{t('staff.admin.districts.importFile')}</legend>
          <div class="admin-field">
            <label for="file">{t('staff.admin.districts.file')}</label>
            <p class="help" id="file-help">
              {t('staff.admin.districts.fileHelp', { max: props.maxMegabytes, positions: props.maxPositions })}
            </p>
            {fileProblem ? (
              <div class="admin-file-error" id="file-error">
                <p class="field-error">{problemText(page, fileProblem)}</p>
                {form.fileProblems.length ? (
                  <ul class="admin-problems">
                    {form.fileProblems.map((p) => (
                      <li>{p}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
            <input
              type="file"
              id="file"
              name="file"
              accept=".geojson,.json,application/geo+json,application/json"
              required
              aria-invalid={fileProblem ? 'true' : undefined}
              aria-describedby={fileProblem ? 'file-help file-error' : 'file-help'}
            />
          </div>
          <TextField page={page} name="nameProperty" label={t('staff.admin.districts.nameProperty')} help={t('staff.admin.districts.namePropertyHelp')} value={form.nameProperty} problems={form.problems} required maxlength={60} />
        </fieldset>
        <p class="notice">{t('staff.admin.districts.importWarning')}</p>
        <button type="submit" class="admin-button">
          {t('staff.admin.districts.importSubmit')}
        </button>
      </form>
    </AdminLayout>
  );
}
