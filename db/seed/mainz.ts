// Resets a database to the Mainz demo data. Everything random comes from a seeded generator, so the
// same seed gives the same bins and codes on every machine.
import { readFileSync } from 'node:fs';
import { parseNamedAreas } from '../../domain/geojson.ts';
import { geometryContains, bboxOf, labelPoint } from '../../domain/geo.ts';
import { fileReport } from '../../server/filing.ts';
import { codeFromNumber } from '../../qr/codes.ts';
import { inTransaction, type Db } from '../connection.ts';
import { insertBins } from '../bins.ts';
import { listActiveDistricts, replaceDistricts, saveCityBoundary } from '../districts.ts';
import { changeReportState } from '../reports.ts';
import type { Database, NewBin } from '../schema.ts';
import { categories, departments, routingRules } from './catalogue.ts';
import { demoReports, spots, streetsByDistrict } from './places.ts';
import { seedResponseTemplates } from './templates.ts';
import { makeDemoAddresses } from './addresses.ts';
import { replaceAddresses } from '../addresses.ts';

export const BINS_PER_DISTRICT = 20;

/** mulberry32: small, fast and good enough for demo data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every table, children before parents: a reset replaces everything (the compiler checks "every"). */
const TABLES_IN_DELETE_ORDER = [
  'addresses',
  'login_attempts',
  'login_form_nonces',
  'staff_sessions',
  'staff_departments',
  'api_keys',
  'subscriptions',
  'photos',
  'response_templates',
  'report_events',
  'used_form_tokens',
  'reports',
  'staff',
  'bin_events',
  'bin_codes',
  'bins',
  'routing_rules',
  'categories',
  'districts',
  'city_boundary',
  'departments',
] as const satisfies readonly (keyof Database)[];
// A table added to the schema but not to the list above fails the type check here, instead of the
// reset failing on a foreign key (or leaving rows behind) at an administrator's terminal.
const everyTableListed: Exclude<keyof Database, (typeof TABLES_IN_DELETE_ORDER)[number]> extends never ? true : never = true;
void everyTableListed;

/** What an account is made of: kept by the start's seed of an empty database (see db/setup.ts). */
const STAFF_TABLES: ReadonlySet<string> = new Set(['login_attempts', 'login_form_nonces', 'staff_sessions', 'staff']);

export interface SeedOptions {
  now: Date;
  seed?: number;
  reports?: boolean;
  /**
   * Keep the staff accounts (with their sessions and login attempts): for filling a database that has
   * no departments yet but may already have an administrator (`npm run staff -- create-admin`).
   * Memberships go with the departments they point to.
   */
  keepStaff?: boolean;
}

export interface SeedResult {
  bins: number;
  reports: number;
  /** Made-up addresses of the demo streets (source 'demo'), for the embedded geocoder. */
  demoAddresses: number;
  /** Staff accounts that the reset removed (they belonged to the replaced departments). */
  removedStaff: number;
  /** Photo files of the removed reports, for the caller to delete once the reset has committed. */
  orphanedPhotoFiles: string[];
}

export function readDemoGeometry(): { districts: string; boundary: string } {
  return {
    districts: readFileSync(new URL('./mainz-districts.geojson', import.meta.url), 'utf8'),
    boundary: readFileSync(new URL('./mainz-boundary.geojson', import.meta.url), 'utf8'),
  };
}

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('departments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/** Replaces everything with the demo data in one transaction: a failure leaves the database as it was. */
export function seedDemoData(db: Db, options: SeedOptions): Promise<SeedResult> {
  return inTransaction(db, (trx) => fillDemoData(trx, options));
}

async function fillDemoData(db: Db, options: SeedOptions): Promise<SeedResult> {
  const random = seededRandom(options.seed ?? 2026);
  const now = options.now.toISOString();
  const geometry = readDemoGeometry();

  const photoRows = await db.selectFrom('photos').select(['file', 'redacted_file']).execute();
  const orphanedPhotoFiles = photoRows.flatMap((p) => (p.redacted_file ? [p.file, p.redacted_file] : [p.file]));
  const removedStaff = options.keepStaff ? 0 : Number((await db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  for (const table of TABLES_IN_DELETE_ORDER) if (!(options.keepStaff && STAFF_TABLES.has(table))) await db.deleteFrom(table).execute();
  await db.insertInto('departments').values(departments.map((d) => ({ ...d, created_at: now }))).execute();
  const deptId = new Map((await db.selectFrom('departments').select(['id', 'slug']).execute()).map((d) => [d.slug, d.id]));

  await db
    .insertInto('categories')
    .values(
      // Every row names every optional column: SQLite fills a column missing from some rows of a
      // multi-row insert with NULL, not with its default.
      categories.map(({ department, ...c }, index) => ({
        ...c,
        bin_reason: c.bin_reason ?? null,
        notice_de: c.notice_de ?? null,
        notice_en: c.notice_en ?? null,
        auto_publish: c.auto_publish ?? 0,
        duplicate_radius_m: c.duplicate_radius_m ?? 50,
        default_department_id: department ? deptId.get(department)! : null,
        service_code: c.slug,
        sort: index,
      })),
    )
    .execute();
  await replaceDistricts(db, parseNamedAreas(geometry.districts, 'name'), { approximate: true, now });
  await saveCityBoundary(db, parseNamedAreas(geometry.boundary, 'name'), { approximate: true, now });

  const categoryId = new Map((await db.selectFrom('categories').select(['id', 'slug']).execute()).map((c) => [c.slug, c.id]));
  const districts = await listActiveDistricts(db);
  const districtId = new Map(districts.map((d) => [d.name, d.id]));
  await db
    .insertInto('routing_rules')
    .values(
      routingRules.map((r) => ({
        category_id: categoryId.get(r.category)!,
        district_id: r.district ? districtId.get(r.district)! : null,
        department_id: deptId.get(r.department)!,
      })),
    )
    .execute();

  await seedResponseTemplates(db, now);
  const bins = makeDemoBins(districts, random, options.now, deptId.get('gruen')!);
  await insertBins(db, bins);

  // Their own generator, so that adding them changed none of the bins or codes above.
  const demoAddresses = await replaceAddresses(db, makeDemoAddresses(districts, seededRandom((options.seed ?? 2026) + 1)), 'demo');

  let reports = 0;
  if (options.reports !== false) {
    for (const [index, r] of demoReports.entries()) {
      const district = districts.find((d) => d.name === r.district)!;
      const point = labelPoint(district.geometry);
      const created = new Date(options.now.getTime() - (index + 1) * 19 * 3600_000).toISOString();
      const { report } = await fileReport(
        db,
        { categoryId: categoryId.get(r.category)!, lat: point.lat, lon: point.lon, locationSource: 'map', description: r.description, source: 'web' },
        created,
      );
      const path = r.state === 'done' ? ['acknowledged', 'in_progress', 'done'] : r.state === 'in_progress' ? ['acknowledged', 'in_progress'] : r.state === 'new' ? [] : [r.state];
      for (const [step, to] of path.entries()) {
        const at = new Date(Date.parse(created) + (step + 1) * 3 * 3600_000).toISOString();
        await changeReportState(db, report.id, { to, actor: 'Demo', now: at });
      }
      // The demo's texts were written for the public: published, as staff would.
      await db.updateTable('reports').set({ description_published: 1 }).where('id', '=', report.id).execute();
      reports++;
    }
  }
  return { bins: bins.length, reports, demoAddresses, removedStaff, orphanedPhotoFiles };
}

function makeDemoBins(
  districts: Awaited<ReturnType<typeof listActiveDistricts>>,
  random: () => number,
  now: Date,
  greenDepartmentId: number,
): NewBin[] {
  const bins: NewBin[] = [];
  const codes = new Set<string>();
  for (const district of districts) {
    const box = bboxOf(district.geometry);
    const streets = streetsByDistrict[district.name] ?? [district.name];
    for (let i = 0; i < BINS_PER_DISTRICT; i++) {
      let point = { lon: 0, lat: 0 };
      do {
        point = { lon: box.minLon + random() * (box.maxLon - box.minLon), lat: box.minLat + random() * (box.maxLat - box.minLat) };
      } while (!geometryContains(point, district.geometry));
      let code: string;
      do code = codeFromNumber(Math.floor(random() * 2 ** 25));
      while (codes.has(code));
      codes.add(code);
      const street = streets[i % streets.length]!;
      const spot = spots[Math.floor(random() * spots.length)]!.replace('{n}', String(1 + Math.floor(random() * 60)));
      const inPark = /park|spielplatz|wald/i.test(street + spot);
      const dogBags = random() < 0.2;
      const nextDay = new Date(now.getTime() + Math.floor(random() * 7) * 86400_000);
      nextDay.setUTCHours(5, 0, 0, 0); // 06:00 in Mainz in winter
      bins.push({
        code,
        lat: Math.round(point.lat * 1e6) / 1e6,
        lon: Math.round(point.lon * 1e6) / 1e6,
        district_id: district.id,
        department_id: inPark ? greenDepartmentId : null,
        bin_type: dogBags ? 'Papierkorb mit Hundekotbeutelspender' : 'Papierkorb',
        volume_l: random() < 0.7 ? 50 : 100,
        description: `${street}, ${spot}`,
        external_ref: `demo-${district.id}-${i + 1}`,
        next_emptying_at: nextDay.toISOString(),
        active: 1,
        created_at: now.toISOString(),
      });
    }
  }
  return bins;
}
