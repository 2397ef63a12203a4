// The embedded geocoder (citizens issue, point 2): the city's addresses with German-aware search keys
// (server/domain/address-key.ts), imported by `npm run import -- addresses FILE` or seeded as demo data.
// One index serves both the suggestions (a range of street keys, in house-number order) and the exact
// look-up of a typed address (street key and number key): tests/addresses/query-plans.test.ts.
//
// Reports placed only at their district's centre get their own location_source 'district', so they are
// never offered as "Schon gemeldet?" nor measured from. Before this migration such reports were
// 'address' without a geocoder's name for the place; those become 'district'. A report found by an
// external geocoder before migration 013 had no such name either and becomes 'district' too: the safe
// side, since it only loses the duplicate offer. See docs/decisions/034-embedded-geocoder.md.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('addresses')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('house_number', 'text', (c) => c.notNull())
    .addColumn('postcode', 'text')
    .addColumn('city', 'text')
    .addColumn('lat', 'real', (c) => c.notNull())
    .addColumn('lon', 'real', (c) => c.notNull())
    .addColumn('street_key', 'text', (c) => c.notNull())
    .addColumn('number_key', 'text', (c) => c.notNull())
    .addColumn('number_order', 'integer', (c) => c.notNull())
    // 'osm', 'hk-de' or 'demo': where the row came from (demo rows are made up).
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('addresses_search').on('addresses').columns(['street_key', 'postcode', 'number_order', 'number_key']).execute();
  await sql`update reports set location_source = 'district' where location_source = 'address' and geocoded_address is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update reports set location_source = 'address' where location_source = 'district'`.execute(db);
  await db.schema.dropTable('addresses').execute();
}
