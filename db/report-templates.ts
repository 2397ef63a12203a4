// Prepared public answers (response_templates): offered for a category (null: every category) and a
// state (null: any state). Administration edits them; the report page only reads active ones.
import type { Db } from './connection.ts';
import type { ResponseTemplate } from './schema.ts';

export type TemplateChoice = Pick<ResponseTemplate, 'id' | 'title' | 'body' | 'state' | 'category_id'>;

/**
 * Active templates for the category whose state is null or one of `states`; the category's own before
 * the general ones, then by title, so that the most specific text is first in the list.
 */
export function listTemplatesFor(db: Db, categoryId: number, states: readonly string[]): Promise<TemplateChoice[]> {
  return db
    .selectFrom('response_templates')
    .select(['id', 'title', 'body', 'state', 'category_id'])
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('category_id', 'is', null), eb('category_id', '=', categoryId)]))
    .where((eb) => (states.length > 0 ? eb.or([eb('state', 'is', null), eb('state', 'in', [...states])]) : eb('state', 'is', null)))
    .orderBy((eb) => eb.case().when('category_id', 'is', null).then(1).else(0).end())
    .orderBy('title')
    .orderBy('id')
    .execute();
}
