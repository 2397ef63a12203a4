// Kennzahlen (issue 5): covering indexes, one per date the dashboard reads a period by, led by the
// department. Each query of db/kpi.ts reads one index range per department of the selection and never
// the table rows, so the dashboard's cost grows with the chosen departments' reports of the period, not
// with all reports ever filed.
import { sql, type Kysely } from 'kysely';

const INDEXES: Record<string, string> = {
  reports_kpi_open: 'state, department_id, category_id, district_id, due_at',
  reports_kpi_created: 'department_id, created_at, category_id, district_id',
  reports_kpi_acknowledged: 'department_id, acknowledged_at, category_id, district_id, created_at',
  reports_kpi_closed: 'department_id, closed_at, category_id, district_id, created_at, due_at',
  // Without support_count on purpose: every press of a bin's button would then write this index too.
  reports_kpi_bins: 'category_id, department_id, created_at, bin_id',
};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of Object.entries(INDEXES)) await sql.raw(`create index ${name} on reports (${columns})`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of Object.keys(INDEXES)) await sql.raw(`drop index ${name}`).execute(db);
}
