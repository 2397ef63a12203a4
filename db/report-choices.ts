// What the action forms of one report offer: colleagues to assign, departments to forward to,
// categories to correct to, answer templates, and the names the history needs for its details.
import type { Db } from './connection.ts';
import { listTemplatesFor, type TemplateChoice } from './report-templates.ts';

export interface Colleague {
  id: number;
  name: string;
}

export interface ReportChoices {
  colleagues: Colleague[];
  departments: Array<{ id: number; name: string; isCentral: boolean }>;
  categories: Array<{ id: number; nameDe: string; nameEn: string; kind: 'defect' | 'bin'; targetHours: number; active: boolean }>;
  districts: Map<number, string>;
  /** Templates for an answer in the report's current state. */
  answerTemplates: TemplateChoice[];
  /** Templates for a state change: those for any state the report may move to. */
  stateTemplates: TemplateChoice[];
}

/** Active accounts that are members of the department: the only ones a report there can be assigned to. */
export async function listColleagues(db: Db, departmentId: number): Promise<Colleague[]> {
  const rows = await db
    .selectFrom('staff')
    .innerJoin('staff_departments', 'staff_departments.staff_id', 'staff.id')
    .select(['staff.id', 'staff.display_name'])
    .where('staff_departments.department_id', '=', departmentId)
    .where('staff.active', '=', 1)
    .orderBy('staff.display_name')
    .orderBy('staff.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}

export async function loadReportChoices(db: Db, report: { category_id: number; department_id: number; state: string }, nextStates: readonly string[]): Promise<ReportChoices> {
  const [colleagues, departments, categories, districts, answerTemplates, stateTemplates] = await Promise.all([
    listColleagues(db, report.department_id),
    db.selectFrom('departments').select(['id', 'name', 'is_central']).orderBy('is_central', 'desc').orderBy('name').execute(),
    db.selectFrom('categories').select(['id', 'name_de', 'name_en', 'kind', 'target_hours', 'active']).orderBy('sort').orderBy('id').execute(),
    db.selectFrom('districts').select(['id', 'name']).execute(),
    listTemplatesFor(db, report.category_id, [report.state]),
    nextStates.length ? listTemplatesFor(db, report.category_id, nextStates) : Promise.resolve([]),
  ]);
  return {
    colleagues,
    departments: departments.map((d) => ({ id: d.id, name: d.name, isCentral: d.is_central === 1 })),
    categories: categories.map((c) => ({ id: c.id, nameDe: c.name_de, nameEn: c.name_en, kind: c.kind, targetHours: c.target_hours, active: c.active === 1 })),
    districts: new Map(districts.map((d) => [d.id, d.name])),
    answerTemplates,
    stateTemplates,
  };
}
