// Hardening of the citizen side (the hardening issue):
// - used_form_tokens: a /melden form token is claimed in the transaction that files its report. The
//   primary key on the token's hash makes the claim atomic in the database, so one form sent several
//   times (double click, a retry, parallel requests, several instances) files one report. Rows are
//   needed only while the token could still be accepted (MAX_FORM_AGE_MS); expired ones are deleted.
// - reports.address_published: the address a reporter typed is their own words and may name people
//   ("bei Familie …, Tel …"); like the description it is public only where the category publishes
//   automatically or staff published it. Existing reports get the flag only in such categories.
// - reports.geocoded_address: the place as the city's geocoder named it, public without moderation.
// See docs/decisions/013-report-form.md and 017-moderation.md.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('used_form_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('used_form_tokens_expiry').on('used_form_tokens').column('expires_at').execute();

  await db.schema.alterTable('reports').addColumn('address_published', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('reports').addColumn('geocoded_address', 'text').execute();
  await sql`update reports set address_published = 1
            where address is not null and category_id in (select id from categories where auto_publish = 1)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['geocoded_address', 'address_published']) await db.schema.alterTable('reports').dropColumn(column).execute();
  await db.schema.dropIndex('used_form_tokens_expiry').execute();
  await db.schema.dropTable('used_form_tokens').execute();
}
