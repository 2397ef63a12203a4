// Report actions (decision 016): an event row gets a small JSON `detail` for what the history must be
// able to show but that is not a text for people: the departments of a forwarding, the old and new
// category or location, the other report of a merge, the old and new assignee or priority. `body`
// stays the human text (a reason, a note, an answer). Internal only: public pages never read it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('report_events').addColumn('detail', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('report_events').dropColumn('detail').execute();
}
