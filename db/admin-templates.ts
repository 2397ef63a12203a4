// Answer templates (response_templates): prepared public answers per category (null: all) and
// state (null: any). Never deleted, only deactivated, so an answer once given can still be traced.
import type { Db } from './connection.ts';
import type { ResponseTemplate } from './schema.ts';

export interface TemplateFields {
  categoryId: number | null;
  state: string | null;
  title: string;
  body: string;
}

export type TemplateOverview = ResponseTemplate & { category_name_de: string | null; category_name_en: string | null };

/** All templates, or those that apply to one category (its own and the ones for all categories). */
export function listTemplates(db: Db, categoryId: number | null): Promise<TemplateOverview[]> {
  let query = db
    .selectFrom('response_templates')
    .leftJoin('categories', 'categories.id', 'response_templates.category_id')
    .selectAll('response_templates')
    .select(['categories.name_de as category_name_de', 'categories.name_en as category_name_en']);
  if (categoryId !== null) query = query.where((eb) => eb.or([eb('response_templates.category_id', '=', categoryId), eb('response_templates.category_id', 'is', null)]));
  return query.orderBy('response_templates.active', 'desc').orderBy('categories.sort').orderBy('response_templates.title').execute();
}

export function findTemplateById(db: Db, id: number): Promise<ResponseTemplate | undefined> {
  return db.selectFrom('response_templates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function createTemplate(db: Db, fields: TemplateFields, now: string): Promise<number> {
  const row = await db
    .insertInto('response_templates')
    .values({ category_id: fields.categoryId, state: fields.state, title: fields.title, body: fields.body, active: 1, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTemplate(db: Db, id: number, fields: TemplateFields): Promise<void> {
  await db.updateTable('response_templates').set({ category_id: fields.categoryId, state: fields.state, title: fields.title, body: fields.body }).where('id', '=', id).execute();
}

export async function setTemplateActive(db: Db, id: number, active: boolean): Promise<void> {
  await db.updateTable('response_templates').set({ active: active ? 1 : 0 }).where('id', '=', id).execute();
}
