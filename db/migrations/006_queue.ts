// The back-office queue (issue 5). With 1,000,000 reports of which ~20,000 are open, every sort of the
// queue must be answered from an index that holds what it orders by, or it reads 20,000 table rows:
// - reports_open_created: newest / oldest first, and the age filter (created before) with due first;
//   department_id included so that a staff member's departments are filtered inside the index too;
// - reports_open_support: most supported first (ties: due first);
// - reports_reopen_requested: the central desk lists every report with a pending reopen request. Few
//   have one at any time, so a partial index holds only those.
// Due first uses reports_open_due / reports_department_due of migration 005.
// Plain SQL: SQLite and PostgreSQL both know these (partial indexes included) with this syntax.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index reports_open_created on reports (state, created_at, department_id, due_at)`.execute(db);
  await sql`create index reports_open_support on reports (state, support_count, due_at, department_id)`.execute(db);
  await sql`create index reports_reopen_requested on reports (reopen_requested_at) where reopen_requested_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['reports_open_created', 'reports_open_support', 'reports_reopen_requested']) await sql.raw(`drop index ${name}`).execute(db);
}
