// Müllmelder: every code ever printed (so a replaced sticker can be recognised), bin flags and
// emptying time, and at most one open task per bin and reason, enforced by the database itself.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bin_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('bin_id', 'integer', (c) => c.notNull().references('bins.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('bin_codes_bin').on('bin_codes').column('bin_id').execute();
  await sql`insert into bin_codes (code, bin_id, issued_at) select code, id, created_at from bins`.execute(db);

  // Which button of the scan page a bin category serves (full, damaged, dirty, dogbags, other).
  await db.schema.alterTable('categories').addColumn('bin_reason', 'text').execute();
  await sql`create unique index categories_bin_reason on categories (bin_reason) where bin_reason is not null`.execute(db);

  await db.schema.alterTable('bins').addColumn('last_emptied_at', 'text').execute();
  await db.schema.alterTable('bins').addColumn('flagged_at', 'text').execute();
  await db.schema.alterTable('bins').addColumn('flag_reason', 'text').execute();

  // The open states of server/domain/states.ts; a later change of that list needs a migration here too.
  await sql`create unique index reports_one_open_bin_task on reports (bin_id, category_id)
    where bin_id is not null and state in ('new', 'acknowledged', 'in_progress')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index reports_one_open_bin_task`.execute(db);
  await sql`drop index categories_bin_reason`.execute(db);
  await db.schema.alterTable('categories').dropColumn('bin_reason').execute();
  for (const column of ['flag_reason', 'flagged_at', 'last_emptied_at']) await db.schema.alterTable('bins').dropColumn(column).execute();
  await db.schema.dropTable('bin_codes').execute();
}
