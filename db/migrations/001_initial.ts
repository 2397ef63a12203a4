// The foundation's model: departments, categories, geometry, routing rules, bins, reports and
// their history. Later migrations add to it; none rewrites it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('departments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('is_central', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('categories')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('defect', 'bin')`))
    .addColumn('group_de', 'text', (c) => c.notNull())
    .addColumn('group_en', 'text', (c) => c.notNull())
    .addColumn('name_de', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('help_de', 'text', (c) => c.notNull())
    .addColumn('help_en', 'text', (c) => c.notNull())
    .addColumn('default_department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('target_hours', 'integer', (c) => c.notNull().check(sql`target_hours > 0`))
    .addColumn('service_code', 'text', (c) => c.notNull().unique())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('districts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('geometry', 'text', (c) => c.notNull())
    .addColumn('min_lon', 'real', (c) => c.notNull())
    .addColumn('min_lat', 'real', (c) => c.notNull())
    .addColumn('max_lon', 'real', (c) => c.notNull())
    .addColumn('max_lat', 'real', (c) => c.notNull())
    .addColumn('approximate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // One row: the city. A table rather than a file so that the import is transactional.
  await db.schema
    .createTable('city_boundary')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('geometry', 'text', (c) => c.notNull())
    .addColumn('approximate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('routing_rules')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('district_id', 'integer', (c) => c.references('districts.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .execute();
  // NULL district means "whole city"; coalesce makes that one rule per category, too.
  await sql`create unique index routing_rules_unique on routing_rules (category_id, coalesce(district_id, 0))`.execute(db);

  await db.schema
    .createTable('bins')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('lat', 'real', (c) => c.notNull())
    .addColumn('lon', 'real', (c) => c.notNull())
    .addColumn('district_id', 'integer', (c) => c.references('districts.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('bin_type', 'text', (c) => c.notNull())
    .addColumn('volume_l', 'integer')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('external_ref', 'text', (c) => c.unique())
    .addColumn('next_emptying_at', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('district_id', 'integer', (c) => c.references('districts.id'))
    .addColumn('bin_id', 'integer', (c) => c.references('bins.id'))
    .addColumn('lat', 'real', (c) => c.notNull())
    .addColumn('lon', 'real', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('location_source', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('support_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('reports_queue').on('reports').columns(['department_id', 'state', 'created_at']).execute();
  await db.schema.createIndex('reports_bin').on('reports').columns(['bin_id', 'state']).execute();

  await db.schema
    .createTable('report_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('body', 'text')
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('actor', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_events_report').on('report_events').columns(['report_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['report_events', 'reports', 'bins', 'routing_rules', 'city_boundary', 'districts', 'categories', 'departments']) {
    await db.schema.dropTable(table).execute();
  }
}
