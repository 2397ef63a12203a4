// The history of a bin itself (issue 5, crews and bins): edits, a new code, retiring, emptyings.
// Reports have report_events; a bin had no history of its own, so an edit or a new sticker left no
// trace. See docs/decisions/018-crews-and-bins.md.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bin_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('bin_id', 'integer', (c) => c.notNull().references('bins.id'))
    // edited | code_reissued | retired | emptied
    .addColumn('type', 'text', (c) => c.notNull())
    // JSON: for 'edited' {field: [before, after]}, for 'code_reissued' {from, to}, for 'emptied' {reports: [ids]}.
    .addColumn('body', 'text')
    .addColumn('actor', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bin_events_bin').on('bin_events').columns(['bin_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bin_events').execute();
}
