// The back office (issue 5): what staff record on a report (priority, assignee, duplicate, due time,
// first acknowledgement), photo redaction, a second factor, department notifications, answer templates
// and API keys for Open311 integrators. One migration for the whole issue so that the parts of the
// back office can be built side by side without renumbering.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // 0 normal, 1 high, 2 urgent (server/domain/priority.ts).
  await db.schema.alterTable('reports').addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('reports').addColumn('assigned_staff_id', 'integer', (c) => c.references('staff.id')).execute();
  // The report this one was merged into; its state is then 'duplicate'.
  await db.schema.alterTable('reports').addColumn('duplicate_of', 'integer', (c) => c.references('reports.id')).execute();
  // created_at + the category's target time, stored so that "due first" and "overdue" use an index.
  await db.schema.alterTable('reports').addColumn('due_at', 'text').execute();
  // The first time staff moved the report out of "new": the Kennzahl "time to acknowledge".
  await db.schema.alterTable('reports').addColumn('acknowledged_at', 'text').execute();
  // When the department was told about the report (immediately or in a digest); null: not yet.
  await db.schema.alterTable('reports').addColumn('department_notified_at', 'text').execute();
  await sql`update reports set due_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+' || (select target_hours from categories where categories.id = reports.category_id) || ' hours')`.execute(db);
  await sql`update reports set acknowledged_at = (select min(created_at) from report_events e where e.report_id = reports.id and e.from_state = 'new') where state <> 'new'`.execute(db);
  await db.schema.createIndex('reports_open_due').on('reports').columns(['state', 'due_at']).execute();
  await db.schema.createIndex('reports_department_due').on('reports').columns(['department_id', 'state', 'due_at']).execute();
  await db.schema.createIndex('reports_assigned').on('reports').columns(['assigned_staff_id', 'state']).execute();
  await db.schema.createIndex('reports_duplicate_of').on('reports').column('duplicate_of').execute();
  await db.schema.createIndex('reports_created').on('reports').column('created_at').execute();

  // The public gets only the redacted copy once a region was blacked out; the original stays for staff.
  await db.schema.alterTable('photos').addColumn('redacted_file', 'text').execute();

  // Optional TOTP (RFC 6238). The secret is stored as base32; last_step refuses a code used twice.
  await db.schema.alterTable('staff').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('staff').addColumn('totp_enabled_at', 'text').execute();
  await db.schema.alterTable('staff').addColumn('totp_last_step', 'integer').execute();
  // A session after the password but before the second factor may do nothing but enter the code.
  await db.schema.alterTable('staff_sessions').addColumn('mfa_pending', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // 'immediate': one mail per new report; 'digest': one mail a day with all new reports; 'off'.
  await db.schema.alterTable('departments').addColumn('notify_mode', 'text', (c) => c.notNull().defaultTo('immediate')).execute();
  await db.schema.alterTable('departments').addColumn('digest_sent_at', 'text').execute();

  await db.schema
    .createTable('response_templates')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // null: for every category / every state.
    .addColumn('category_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('state', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('response_templates_category').on('response_templates').column('category_id').execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    // sha256 of the key; the key itself is shown once when it is created.
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    // The first characters, so that staff can tell keys apart without the whole key.
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('api_keys').execute();
  await db.schema.dropTable('response_templates').execute();
  for (const index of ['reports_open_due', 'reports_department_due', 'reports_assigned', 'reports_duplicate_of', 'reports_created']) {
    await db.schema.dropIndex(index).execute();
  }
  for (const column of ['priority', 'assigned_staff_id', 'duplicate_of', 'due_at', 'acknowledged_at', 'department_notified_at']) {
    await db.schema.alterTable('reports').dropColumn(column).execute();
  }
  await db.schema.alterTable('photos').dropColumn('redacted_file').execute();
  for (const column of ['totp_secret', 'totp_enabled_at', 'totp_last_step']) await db.schema.alterTable('staff').dropColumn(column).execute();
  await db.schema.alterTable('staff_sessions').dropColumn('mfa_pending').execute();
  for (const column of ['notify_mode', 'digest_sent_at']) await db.schema.alterTable('departments').dropColumn(column).execute();
}
