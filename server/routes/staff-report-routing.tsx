// Actions that decide who handles a report and what it is: priority, assignee, forwarding, merging
// into another report, and correcting category or location.
import { Hono } from 'hono';
import { listColleagues } from '../../db/report-choices.ts';
import { assignReport, correctCategory, correctLocation, forwardReport, setPriority } from '../../db/report-actions.ts';
import { mergeIntoReport, mergeTargetProblem } from '../../db/report-merge.ts';
import { loadRoutingTable } from '../../db/routing.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { parsePriority } from '../../domain/priority.ts';
import { parseCoordinate } from '../../domain/coordinates.ts';
import { ADDRESS_MAX } from '../../domain/report-form.ts';
import { findDistrict, isInsideCity } from '../../domain/routing.ts';
import { assertTransition } from '../../domain/states.ts';
import { canChangeReport, canSeeReport } from '../staff/access.ts';
import { notifyDepartmentInBackground } from '../notify/department.ts';
import { hashToken, subscriptionToken } from '../subscriptions.ts';
import { isLang } from '../i18n/index.ts';
import type { FieldMessage } from '../views/staff/report-form-bits.tsx';
import { cleanText, formValues, loadChangeableReport, redirectBack, refuse } from './staff-report-common.tsx';
import { REPORT_ROUTE } from '../paths.ts';
import { textProblem } from './staff-report-work.tsx';
import { parseFormBody } from '../body.ts';

const ID = /^[0-9]{1,12}$/;

export function staffReportRoutingRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  app.post(`${REPORT_ROUTE}/prioritaet`, async (c) => {
    const { details, meta } = await loadChangeableReport(ctx, c);
    const values = await formValues(c, ['prioritaet']);
    const priority = parsePriority(values['prioritaet']);
    if (priority === null) return refuse(ctx, c, details, 'prioritaet', values, { prioritaet: { key: 'staff.report.error.priority' } });
    const changed = await setPriority(ctx.db, details.report.id, priority, meta);
    return redirectBack(c, details.report.id, changed ? 'prioritaet' : 'unveraendert');
  });

  app.post(`${REPORT_ROUTE}/zuweisen`, async (c) => {
    const { details, meta } = await loadChangeableReport(ctx, c);
    const values = await formValues(c, ['bearbeitung']);
    const raw = values['bearbeitung']!;
    let staffId: number | null = null;
    if (raw !== '') {
      const colleagues = await listColleagues(ctx.db, details.report.department_id);
      const found = ID.test(raw) ? colleagues.find((x) => x.id === Number(raw)) : undefined;
      if (!found) return refuse(ctx, c, details, 'zuweisen', values, { bearbeitung: { key: 'staff.report.error.notColleague' } });
      staffId = found.id;
    }
    const changed = await assignReport(ctx.db, details.report.id, staffId, meta);
    return redirectBack(c, details.report.id, changed ? 'zuweisen' : 'unveraendert');
  });

  app.post(`${REPORT_ROUTE}/weiterleiten`, async (c) => {
    const { session, details, meta } = await loadChangeableReport(ctx, c);
    const values = await formValues(c, ['fachamt', 'grund']);
    const reason = cleanText(values['grund']!);
    const errors: Record<string, FieldMessage> = {};
    const raw = values['fachamt']!;
    const department = ID.test(raw) ? await ctx.db.selectFrom('departments').select(['id', 'name']).where('id', '=', Number(raw)).executeTakeFirst() : undefined;
    if (!department) errors['fachamt'] = { key: raw ? 'staff.report.error.department' : 'staff.report.error.departmentRequired' };
    else if (department.id === details.report.department_id) errors['fachamt'] = { key: 'staff.report.forward.sameDepartment' };
    const reasonProblem = textProblem(reason, true);
    if (reasonProblem) errors['grund'] = reasonProblem.key === 'staff.report.error.textRequired' ? { key: 'staff.report.error.reasonRequired' } : reasonProblem;
    if (Object.keys(errors).length || !department) return refuse(ctx, c, details, 'weiterleiten', values, errors);
    await forwardReport(ctx.db, details.report.id, { departmentId: department.id, reason }, meta);
    // After the commit, and without making the colleague wait for SMTP: the new department hears of it.
    notifyDepartmentInBackground(ctx, details.report.id, reason);
    // Forwarded out of one's own departments: the report page would now be a 403, so back to the queue.
    if (!canSeeReport(session.user, { departmentId: department.id, kind: details.categoryKind })) {
      const lang = c.req.query('lang');
      return c.redirect(`/intern/meldungen?weitergeleitet=${details.report.id}${isLang(lang) ? `&lang=${lang}` : ''}`, 303);
    }
    return redirectBack(c, details.report.id, 'weiterleiten');
  });

  app.post(`${REPORT_ROUTE}/duplikat`, async (c) => {
    const { session, details, meta } = await loadChangeableReport(ctx, c);
    const values = await formValues(c, ['original']);
    const raw = values['original']!.trim().replace(/^(nr\.?|#)\s*/i, '');
    // The report itself must be allowed to become a duplicate (open); otherwise 409, whatever the target.
    assertTransition(details.report.state, 'duplicate');
    if (!ID.test(raw)) return refuse(ctx, c, details, 'duplikat', values, { original: { key: 'staff.report.duplicate.invalid' } });
    const targetId = Number(raw);
    const problem = await mergeTargetProblem(ctx.db, details.report.id, targetId);
    if (problem) return refuse(ctx, c, details, 'duplikat', values, { original: { key: `staff.report.duplicate.${problem}`, params: { number: targetId } } });
    const target = await ctx.db
      .selectFrom('reports')
      .innerJoin('categories', 'categories.id', 'reports.category_id')
      .select(['reports.department_id', 'categories.kind'])
      .where('reports.id', '=', targetId)
      .executeTakeFirstOrThrow();
    // The target changes too (supporters, subscribers, history): the user must be allowed to change it.
    if (!canChangeReport(session.user, { departmentId: target.department_id, kind: target.kind })) throw new UserError(403, 'staff.forbidden');
    await mergeIntoReport(ctx.db, { duplicateId: details.report.id, targetId, hashFor: (row) => hashToken(subscriptionToken(ctx.config.secret, row)) }, meta);
    return redirectBack(c, details.report.id, 'duplikat', { nummer: targetId });
  });

  app.post(`${REPORT_ROUTE}/kategorie`, async (c) => {
    const { details, meta } = await loadChangeableReport(ctx, c);
    const values = await formValues(c, ['kategorie']);
    const raw = values['kategorie']!;
    const category = ID.test(raw) ? await ctx.db.selectFrom('categories').select(['id', 'kind', 'active']).where('id', '=', Number(raw)).executeTakeFirst() : undefined;
    // Same kind only: turning a bin task into a defect (or back) would change who may see it.
    const usable = category && category.kind === details.categoryKind && (category.active === 1 || category.id === details.report.category_id);
    if (!usable) return refuse(ctx, c, details, 'kategorie', values, { kategorie: { key: 'staff.report.error.category' } });
    const changed = await correctCategory(ctx.db, details.report.id, category.id, meta);
    return redirectBack(c, details.report.id, changed ? 'kategorie' : 'unveraendert');
  });

  app.post(`${REPORT_ROUTE}/ort`, async (c) => {
    const { details, meta } = await loadChangeableReport(ctx, c);
    const values = await formValues(c, ['lat', 'lon', 'adresse']);
    const lat = parseCoordinate(values['lat']!, 'lat');
    const lon = parseCoordinate(values['lon']!, 'lon');
    // A form without the field (an older page, a script) leaves the address as it is; an empty one removes it.
    const sentAddress = typeof (await parseFormBody(c))['adresse'] === 'string';
    const address = values['adresse']!.replace(/\s+/g, ' ').trim();
    const errors: Record<string, FieldMessage> = {};
    if (lat === null) errors['lat'] = { key: 'staff.report.error.lat' };
    if (lon === null) errors['lon'] = { key: 'staff.report.error.lon' };
    if ([...address].length > ADDRESS_MAX) errors['adresse'] = { key: 'staff.report.error.addressTooLong', params: { max: ADDRESS_MAX } };
    if (lat === null || lon === null || errors['adresse']) return refuse(ctx, c, details, 'ort', values, errors);
    const table = await loadRoutingTable(ctx.db);
    const point = { lat, lon };
    if (!isInsideCity(point, table)) return refuse(ctx, c, details, 'ort', values, { lat: { key: 'error.outsideCity' } });
    const to = { lat, lon, districtId: findDistrict(point, table.districts)?.id ?? null, ...(sentAddress ? { address: address || null } : {}) };
    const changed = await correctLocation(ctx.db, details.report.id, to, meta);
    return redirectBack(c, details.report.id, changed ? 'ort' : 'unveraendert');
  });

  return app;
}
