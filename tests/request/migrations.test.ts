// Migrations that change existing data, tested on a database as an older version left it.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { migrateToLatest, migrateUpTo } from '../../db/migrate.ts';

describe('migration 005 (back office)', () => {
  it('fills due_at from the category target time and acknowledged_at from the history', async () => {
    const db = openDatabase(':memory:');
    try {
      await migrateUpTo(db, '004_staff');
      const now = '2026-11-01T08:00:00.000Z';
      await sql`insert into departments (id, slug, name, is_central, created_at) values (1, 'tiefbau', 'Tiefbau', 0, ${now})`.execute(db);
      await sql`insert into categories (id, slug, kind, group_de, group_en, name_de, name_en, help_de, help_en, default_department_id, target_hours, service_code, sort, active)
                values (1, 'schlagloch', 'defect', 'Straße', 'Street', 'Schlagloch', 'Pothole', '', '', 1, 72, 'S1', 1, 1)`.execute(db);
      for (const [id, state] of [[1, 'new'], [2, 'done']] as const) {
        await sql`insert into reports (id, category_id, department_id, lat, lon, location_source, state, source, created_at, updated_at)
                  values (${id}, 1, 1, 50, 8.27, 'map', ${state}, 'web', ${now}, ${now})`.execute(db);
      }
      await sql`insert into report_events (report_id, type, from_state, to_state, created_at) values
                (2, 'state_changed', 'new', 'acknowledged', '2026-11-01T10:30:00.000Z'),
                (2, 'state_changed', 'acknowledged', 'done', '2026-11-02T09:00:00.000Z')`.execute(db);

      await migrateToLatest(db);
      const rows = await db.selectFrom('reports').select(['id', 'due_at', 'acknowledged_at', 'priority']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 1, due_at: '2026-11-04T08:00:00.000Z', acknowledged_at: null, priority: 0 },
        { id: 2, due_at: '2026-11-04T08:00:00.000Z', acknowledged_at: '2026-11-01T10:30:00.000Z', priority: 0 },
      ]);
    } finally {
      await db.destroy();
    }
  });
});

describe('migration 011 (display geometry)', () => {
  it('gives districts and the city boundary already there a simplified copy for drawing', async () => {
    const db = openDatabase(':memory:');
    try {
      await migrateUpTo(db, '010_kpi_indexes');
      // A square of 400 corners, 1 m apart along its sides: four corners are enough to draw it.
      const side = (k: number) => k / 111_320;
      const ring = [
        ...Array.from({ length: 100 }, (_, k) => [8.2 + side(k), 50]),
        ...Array.from({ length: 100 }, (_, k) => [8.2 + side(100), 50 + side(k)]),
        ...Array.from({ length: 100 }, (_, k) => [8.2 + side(100 - k), 50 + side(100)]),
        ...Array.from({ length: 100 }, (_, k) => [8.2, 50 + side(100 - k)]),
        [8.2, 50],
      ];
      const geometry = JSON.stringify({ type: 'Polygon', coordinates: [ring] });
      const now = '2026-11-01T08:00:00.000Z';
      await sql`insert into districts (name, geometry, min_lon, min_lat, max_lon, max_lat, approximate, active, updated_at)
                values ('Altstadt', ${geometry}, 8.2, 50, 8.21, 50.01, 0, 1, ${now})`.execute(db);
      await sql`insert into city_boundary (id, name, geometry, approximate, updated_at) values (1, 'Mainz', ${geometry}, 0, ${now})`.execute(db);

      await migrateToLatest(db);
      for (const table of ['districts', 'city_boundary'] as const) {
        const row = await db.selectFrom(table).select(['geometry', 'display_geometry']).executeTakeFirstOrThrow();
        expect(row.geometry).toBe(geometry);
        expect(JSON.parse(row.display_geometry!).coordinates[0]).toEqual([[8.2, 50], ring[100], ring[200], ring[300], [8.2, 50]]);
      }
    } finally {
      await db.destroy();
    }
  });
});

describe('migration 013 (citizen hardening)', () => {
  it('publishes the typed address of existing reports only where the category publishes automatically', async () => {
    const db = openDatabase(':memory:');
    try {
      await migrateUpTo(db, '010_kpi_indexes');
      const now = '2026-11-01T08:00:00.000Z';
      await sql`insert into departments (id, slug, name, is_central, created_at) values (1, 'tiefbau', 'Tiefbau', 0, ${now})`.execute(db);
      for (const [id, slug, auto] of [[1, 'schlagloch', 0], [2, 'licht', 1]] as const) {
        await sql`insert into categories (id, slug, kind, group_de, group_en, name_de, name_en, help_de, help_en, default_department_id, target_hours, service_code, sort, active, auto_publish)
                  values (${id}, ${slug}, 'defect', 'Straße', 'Street', ${slug}, ${slug}, '', '', 1, 72, ${`S${id}`}, ${id}, 1, ${auto})`.execute(db);
      }
      for (const [id, category, address] of [[1, 1, 'bei Familie Geheimname'], [2, 2, 'Mast 12'], [3, 2, null]] as const) {
        await sql`insert into reports (id, category_id, department_id, lat, lon, address, location_source, state, source, created_at, updated_at)
                  values (${id}, ${category}, 1, 50, 8.27, ${address}, 'address', 'new', 'web', ${now}, ${now})`.execute(db);
      }

      await migrateToLatest(db);
      const rows = await db.selectFrom('reports').select(['id', 'address_published', 'geocoded_address']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 1, address_published: 0, geocoded_address: null },
        { id: 2, address_published: 1, geocoded_address: null },
        { id: 3, address_published: 0, geocoded_address: null },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
