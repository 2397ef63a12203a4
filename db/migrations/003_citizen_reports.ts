// Mängelmelder: what a citizen report needs beyond the foundation. Text and photos stay internal until
// published; the reporter follows the report through a private link (only its hash is stored); e-mail
// addresses live in subscriptions so that the retention job can remove them without touching reports.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('categories').addColumn('notice_de', 'text').execute();
  await db.schema.alterTable('categories').addColumn('notice_en', 'text').execute();
  await db.schema.alterTable('categories').addColumn('auto_publish', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('categories').addColumn('duplicate_radius_m', 'integer', (c) => c.notNull().defaultTo(50)).execute();

  await db.schema.alterTable('reports').addColumn('status_token_hash', 'text').execute();
  await db.schema.createIndex('reports_status_token').unique().on('reports').column('status_token_hash').execute();
  await db.schema.alterTable('reports').addColumn('description_published', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('reports').addColumn('reopen_requested_at', 'text').execute();
  // The public map asks by bounding box; lat/lon with state and hidden serve it on both engines.
  await db.schema.createIndex('reports_map').on('reports').columns(['lat', 'lon']).execute();

  await db.schema
    .createTable('photos')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addColumn('file', 'text', (c) => c.notNull().unique())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema.createIndex('photos_report').on('photos').column('report_id').execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addColumn('email', 'text')
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('de'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('confirmed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema.createIndex('subscriptions_report').on('subscriptions').column('report_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('subscriptions').execute();
  await db.schema.dropTable('photos').execute();
  await db.schema.dropIndex('reports_map').execute();
  await db.schema.dropIndex('reports_status_token').execute();
  for (const column of ['reopen_requested_at', 'description_published', 'status_token_hash']) await db.schema.alterTable('reports').dropColumn(column).execute();
  for (const column of ['duplicate_radius_m', 'auto_publish', 'notice_en', 'notice_de']) await db.schema.alterTable('categories').dropColumn(column).execute();
}
