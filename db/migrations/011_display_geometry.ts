// Issue 11: a simplified copy of each district's and the city's geometry, for what pages draw. It is
// made once when geometry is imported (db/districts.ts), not per request, and the exact geometry stays
// what routing uses. Rows already there get their copy here. See docs/decisions/027-geometry-size.md.
import { sql, type Kysely } from 'kysely';
import type { AreaGeometry } from '../../domain/geo.ts';
import { simplifyForDrawing } from '../../domain/simplify.ts';

const TABLES = ['districts', 'city_boundary'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.alterTable(table).addColumn('display_geometry', 'text').execute();
    const rows = await sql<{ id: number; geometry: string }>`select id, geometry from ${sql.table(table)}`.execute(db);
    for (const row of rows.rows) {
      const display = JSON.stringify(simplifyForDrawing(JSON.parse(row.geometry) as AreaGeometry));
      await sql`update ${sql.table(table)} set display_geometry = ${display} where id = ${row.id}`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('display_geometry').execute();
}
