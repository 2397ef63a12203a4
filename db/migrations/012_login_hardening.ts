// Login hardening (hardening issue, staff side):
// - login_form_nonces: the used login form tokens (server/staff/login-token.ts), so a token works once.
//   Only the random nonce of a used token is kept, until the token would have expired anyway.
// - staff_sessions.csrf_secret goes: the CSRF token is now derived from the session's token with
//   SECRET (server/staff/sessions.ts), so nothing that opens a form is stored. The pages still open
//   show a token derived the old way; their next form is refused once and the page reloaded.
// - login_attempts keyed `account:LOGIN` / `totp:LOGIN` held the typed login text, even for unknown
//   logins (a password typed into the login field by mistake). Keys are now keyed hashes; the old rows
//   are removed (they only matter for 15 minutes).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_form_nonces')
    .addColumn('nonce', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_form_nonces_expires').on('login_form_nonces').column('expires_at').execute();
  await db.schema.alterTable('staff_sessions').dropColumn('csrf_secret').execute();
  await sql`delete from login_attempts where key like 'account:%' or key like 'totp:%'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Sessions then have an empty CSRF secret and their forms are refused: everyone logs in again.
  await db.schema.alterTable('staff_sessions').addColumn('csrf_secret', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.dropTable('login_form_nonces').execute();
}
