import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { listActiveDistricts, loadCityBoundary } from '../../db/districts.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { prepareDatabase } from '../../db/setup.ts';
import { createStaff } from '../../db/staff.ts';
import { seedDemoData } from '../../db/seed/mainz.ts';
import { geometryContains } from '../../domain/geo.ts';
import { isValidBinCode } from '../../qr/codes.ts';
import { createReport, createTestContext, FIXED_NOW } from '../helpers.ts';

async function counts(db: ReturnType<typeof openDatabase>) {
  const out: Record<string, number> = {};
  for (const table of ['departments', 'categories', 'districts', 'routing_rules', 'bins', 'reports'] as const) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

describe('the SQLite database', () => {
  it('is a file under the data directory in WAL mode with foreign keys on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stadtmelder-'));
    const db = openDatabase(`sqlite:${join(dir, 'data', 'melder.sqlite')}`);
    expect((await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)).rows[0]!.journal_mode).toBe('wal');
    expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0]!.foreign_keys).toBe(1);
    await prepareDatabase(db, FIXED_NOW);
    await expect(db.insertInto('bins').values({ code: 'X', lat: 50, lon: 8.27, district_id: 99999, bin_type: 'x', description: 'x', created_at: 'x' }).execute()).rejects.toThrow(/FOREIGN KEY/);
    await db.destroy();
  });
});

describe('Mainz demo data', () => {
  it('fills an empty database on first start and never again', async () => {
    const db = openDatabase(':memory:');
    expect(await prepareDatabase(db, FIXED_NOW)).toEqual({
      migrations: ['001_initial', '002_bin_tasks', '003_citizen_reports', '004_staff', '005_backoffice', '006_queue', '007_event_detail', '008_photo_redaction', '009_bin_events', '010_kpi_indexes', '011_display_geometry', '012_login_hardening', '013_citizen_hardening', '014_public_map_index', '016_addresses'],
      seeded: true,
    });
    const first = await counts(db);
    expect(first).toMatchObject({ departments: 7, categories: 18, districts: 15, bins: 300, reports: 12 });
    await db.deleteFrom('routing_rules').execute();
    expect(await prepareDatabase(db, FIXED_NOW)).toEqual({ migrations: [], seeded: false });
    expect(await counts(db)).toEqual({ ...first, routing_rules: 0 });
  });

  it('never deletes a staff account at start: accounts in a database without departments stay, the demo data is added around them', async () => {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    const admin = await createStaff(db, { login: 'chefin', displayName: 'Chefin', passwordHash: 'scrypt$x', role: 'admin', now: FIXED_NOW.toISOString() });
    await db.insertInto('login_attempts').values({ key: 'client:x', at: FIXED_NOW.toISOString(), success: 0 }).execute();
    expect((await prepareDatabase(db, FIXED_NOW)).seeded).toBe(true);
    expect(await db.selectFrom('staff').select(['id', 'login', 'password_hash']).execute()).toEqual([{ id: admin.id, login: 'chefin', password_hash: 'scrypt$x' }]);
    expect(await db.selectFrom('login_attempts').select('key').execute()).toEqual([{ key: 'client:x' }]);
    expect(await counts(db)).toMatchObject({ departments: 7, bins: 300 });
    await db.destroy();
  });

  it('can be reset with the seed', async () => {
    const ctx = await createTestContext();
    const before = await counts(ctx.db);
    await createReport(ctx);
    await seedDemoData(ctx.db, { now: FIXED_NOW });
    expect(await counts(ctx.db)).toEqual(before);
  });

  it('leaves the database as it was when the seed fails halfway', async () => {
    const ctx = await createTestContext();
    await createReport(ctx);
    const before = await counts(ctx.db);
    // A real failure late in the seed: SQLite refuses the bins, after departments, categories and districts.
    await sql`create trigger refuse_bins before insert on bins begin select raise(abort, 'no bins today'); end`.execute(ctx.db);
    await expect(seedDemoData(ctx.db, { now: FIXED_NOW })).rejects.toThrow('no bins today');
    expect(await counts(ctx.db)).toEqual(before);
  });

  it('is the same on every machine', async () => {
    const a = await createTestContext();
    const b = await createTestContext();
    const codes = async (ctx: typeof a) => (await ctx.db.selectFrom('bins').select('code').orderBy('id').execute()).map((r) => r.code);
    expect(await codes(a)).toEqual(await codes(b));
  });

  it('has the 15 Ortsbezirke marked as approximate, and a city boundary', async () => {
    const ctx = await createTestContext();
    const districts = await listActiveDistricts(ctx.db);
    expect(districts.map((d) => d.name).sort()).toEqual(
      ['Altstadt', 'Bretzenheim', 'Drais', 'Ebersheim', 'Finthen', 'Gonsenheim', 'Hartenberg-Münchfeld', 'Hechtsheim', 'Laubenheim', 'Lerchenberg', 'Marienborn', 'Mombach', 'Neustadt', 'Oberstadt', 'Weisenau'].sort(),
    );
    expect(districts.every((d) => d.approximate)).toBe(true);
    expect((await loadCityBoundary(ctx.db))!.approximate).toBe(true);
  });

  it('puts every bin inside its district and the city, with a valid code', async () => {
    const ctx = await createTestContext();
    const districts = new Map((await listActiveDistricts(ctx.db)).map((d) => [d.id, d]));
    const city = (await loadCityBoundary(ctx.db))!;
    const bins = await ctx.db.selectFrom('bins').selectAll().execute();
    const perDistrict = new Map<number, number>();
    for (const bin of bins) {
      const point = { lat: bin.lat, lon: bin.lon };
      expect(geometryContains(point, districts.get(bin.district_id!)!.geometry)).toBe(true);
      expect(geometryContains(point, city.geometry)).toBe(true);
      expect(isValidBinCode(bin.code)).toBe(true);
      perDistrict.set(bin.district_id!, (perDistrict.get(bin.district_id!) ?? 0) + 1);
    }
    expect(perDistrict.size).toBe(15);
  });

  it('has the departments and categories a German Mängelmelder offers', async () => {
    const ctx = await createTestContext();
    const departments = (await ctx.db.selectFrom('departments').select(['name', 'is_central']).execute()).map((d) => d.name);
    for (const name of ['Entsorgungsbetrieb', 'Tiefbauamt', 'Grün- und Umweltamt', 'Ordnungsamt', 'Straßenbeleuchtung', 'Zentrale Meldestelle']) {
      expect(departments).toContain(name);
    }
    const central = await ctx.db.selectFrom('departments').select('name').where('is_central', '=', 1).execute();
    expect(central).toEqual([{ name: 'Zentrale Meldestelle' }]);
    const categories = await ctx.db.selectFrom('categories').selectAll().execute();
    expect(categories.filter((c) => c.kind === 'bin').length).toBeGreaterThanOrEqual(4);
    expect(new Set(categories.map((c) => c.service_code)).size).toBe(categories.length);
    for (const c of categories) {
      expect(c.help_de.length).toBeGreaterThan(10);
      expect(c.help_en.length).toBeGreaterThan(10);
      expect(c.target_hours).toBeGreaterThan(0);
    }
  });
});
