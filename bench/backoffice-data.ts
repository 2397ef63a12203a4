// The back-office benchmark's database: the Mainz catalogue and bins, plus 1,000,000 reports over three
// years of which 20,000 are open, spread over 7 departments, 18 categories and 15 districts, with
// plausible acknowledge and close times. Built once under data/bench/ and reused while it still has
// the right size and schema. Fast to build: the reports table's indexes (exactly those the migrations
// made) are dropped, rows go in as multi-row inserts in one transaction, then the indexes are recreated
// from their own SQL, which is much cheaper than maintaining 15 indexes row by row.
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase, type Db } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedDemoData } from '../db/seed/mainz.ts';

export const BENCH_REPORTS = 1_000_000;
export const BENCH_OPEN = 20_000;
const YEARS = 3;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const BENCH_FILE = join(process.cwd(), 'data', 'bench', 'backoffice-1m.sqlite');

/** A small deterministic generator (mulberry32), so that every build has the same data. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Log-normal durations: most are near the median, a long tail is much slower, like real casework. */
function logNormal(rnd: () => number, medianMs: number, spread = 1): number {
  const u = Math.max(rnd(), 1e-12);
  const v = rnd();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return medianMs * Math.exp(spread * z);
}

// Share of all reports per category slug (bin "full" dominates, as in a city with QR stickers).
const CATEGORY_WEIGHTS: Record<string, number> = {
  'papierkorb-voll': 30, 'papierkorb-beschaedigt': 3, 'papierkorb-umfeld': 6, hundekotbeutel: 4, 'papierkorb-sonstiges': 2,
  strassenschaden: 9, gehweg: 6, gully: 4, verkehrszeichen: 4, strassenbeleuchtung: 8, ampel: 2,
  'illegale-ablagerung': 9, verschmutzung: 5, graffiti: 3, spielplatz: 1, 'baum-gruenflaeche': 2, schrottfahrrad: 1, sonstiges: 1,
};

const DESCRIPTIONS = ['Tiefes Schlagloch vor der Einfahrt', 'Laterne seit Tagen dunkel', 'Sperrmüll am Straßenrand abgestellt', 'Schild verdreht', 'Gully verstopft, Wasser steht', null];
const CLOSED = [['done', 80], ['rejected', 5], ['not_responsible', 5], ['duplicate', 7], ['no_action', 3]] as const;
const OPEN = [['new', 50], ['acknowledged', 25], ['in_progress', 25]] as const;

function pickWeighted<T>(rnd: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1]![0];
}

/** True when the file holds exactly the benchmark's data on the current schema. */
async function usable(file: string): Promise<{ db: Db; now: Date } | null> {
  if (!existsSync(file)) return null;
  const db = openDatabase(`sqlite:${file}`);
  try {
    await migrateToLatest(db); // a newer migration than the file knows is applied; an incompatible one throws
    const raw = new BetterSqlite3(file, { readonly: true });
    const row = raw.prepare(`select count(*) as n, sum(state in ('new', 'acknowledged', 'in_progress')) as open, max(created_at) as newest from reports`).get() as { n: number; open: number; newest: string };
    raw.close();
    if (row.n !== BENCH_REPORTS || row.open !== BENCH_OPEN) throw new Error(`wrong size: ${row.n} reports, ${row.open} open`);
    return { db, now: new Date(Date.parse(row.newest) + 60_000) };
  } catch (error) {
    console.log(`rebuilding ${file}: ${error instanceof Error ? error.message : String(error)}`);
    await db.destroy();
    return null;
  }
}

/** Opens the benchmark database, building it first when it is missing or stale. `now` is one minute after the newest report. */
export async function openBenchDatabase(file = BENCH_FILE): Promise<{ db: Db; now: Date; built: boolean; seconds: number }> {
  const started = performance.now();
  const existing = await usable(file);
  if (existing) return { ...existing, built: false, seconds: (performance.now() - started) / 1000 };
  mkdirSync(dirname(file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const now = new Date('2026-11-21T10:00:00.000Z');
  const db = openDatabase(`sqlite:${file}`);
  await migrateToLatest(db);
  await seedDemoData(db, { now, reports: false });
  await db.destroy();
  fillReports(file, now);
  const reopened = openDatabase(`sqlite:${file}`);
  return { db: reopened, now: new Date(now.getTime() + 60_000), built: true, seconds: (performance.now() - started) / 1000 };
}

interface Catalogue {
  categories: { id: number; slug: string; kind: string; target: number; dept: number | null }[];
  districts: number[];
  bins: { id: number; district: number | null }[];
  rules: Map<string, number>;
  central: number;
}

function readCatalogue(sqlite: BetterSqlite3.Database): Catalogue {
  const categories = (sqlite.prepare('select id, slug, kind, target_hours as target, default_department_id as dept from categories').all() as Catalogue['categories']);
  const districts = (sqlite.prepare('select id from districts order by id').all() as { id: number }[]).map((d) => d.id);
  const bins = sqlite.prepare('select id, district_id as district from bins where active = 1').all() as Catalogue['bins'];
  const rules = new Map((sqlite.prepare('select category_id, district_id, department_id from routing_rules').all() as { category_id: number; district_id: number | null; department_id: number }[]).map((r) => [`${r.category_id}:${r.district_id ?? ''}`, r.department_id]));
  const central = (sqlite.prepare('select id from departments where is_central = 1').get() as { id: number }).id;
  return { categories, districts, bins, rules, central };
}

const COLUMNS = [
  'category_id', 'department_id', 'district_id', 'bin_id', 'lat', 'lon', 'location_source', 'description', 'state', 'source', 'support_count',
  'created_at', 'updated_at', 'closed_at', 'hidden', 'description_published', 'priority', 'due_at', 'acknowledged_at', 'department_notified_at',
] as const;
const ROWS_PER_INSERT = 500;

function fillReports(file: string, now: Date) {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -400000');
  sqlite.pragma('temp_store = MEMORY');
  const cat = readCatalogue(sqlite);
  const rnd = random(5);
  const weights = cat.categories.map((c) => [c, CATEGORY_WEIGHTS[c.slug] ?? 1] as const);
  const departmentFor = (categoryId: number, districtId: number | null, fallback: number | null) =>
    cat.rules.get(`${categoryId}:${districtId ?? ''}`) ?? cat.rules.get(`${categoryId}:`) ?? fallback ?? cat.central;

  // The reports table's own indexes, exactly as the migrations made them, recreated after the load.
  const indexes = sqlite.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'reports' and sql is not null`).all() as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`drop index ${index.name}`);

  const placeholders = `(${COLUMNS.map(() => '?').join(',')})`;
  const insertMany = sqlite.prepare(`insert into reports (${COLUMNS.join(',')}) values ${new Array(ROWS_PER_INSERT).fill(placeholders).join(',')}`);
  const insertOne = sqlite.prepare(`insert into reports (${COLUMNS.join(',')}) values ${placeholders}`);

  // Open reports: most are recent, a tail is old (forgotten casework). Chosen as positions in time order.
  const start = now.getTime() - YEARS * 365 * DAY;
  const times = Float64Array.from({ length: BENCH_REPORTS }, () => start + rnd() * (now.getTime() - start - HOUR)).sort();
  const open = new Uint8Array(BENCH_REPORTS);
  let chosen = 0;
  const recentFrom = times.findIndex((t) => t >= now.getTime() - 45 * DAY);
  while (chosen < BENCH_OPEN) {
    const recent = chosen < BENCH_OPEN * 0.8;
    const i = recent ? recentFrom + Math.floor(rnd() * (BENCH_REPORTS - recentFrom)) : Math.floor(rnd() * recentFrom);
    if (!open[i]) {
      open[i] = 1;
      chosen++;
    }
  }
  const openBinTasks = new Set<string>(); // the database allows one open task per bin and category
  let batch: unknown[] = [];
  let openCount = 0;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

  sqlite.exec('begin');
  for (let i = 0; i < BENCH_REPORTS; i++) {
    const created = times[i]!;
    let category = pickWeighted(rnd, weights);
    let bin: Catalogue['bins'][number] | null = null;
    let isOpen = open[i] === 1;
    if (category.kind === 'bin') {
      // Popular bins (the first ones of a random order) get more reports: a skewed pick.
      bin = cat.bins[Math.floor(rnd() ** 2 * cat.bins.length)]!;
      if (isOpen) {
        const key = `${bin.id}:${category.id}`;
        if (openBinTasks.has(key)) {
          // This bin already has an open task of that reason: file a defect instead, keeping the open count.
          category = cat.categories.find((c) => c.slug === 'strassenschaden')!;
          bin = null;
        } else openBinTasks.add(key);
      }
    }
    const district = bin ? bin.district : rnd() < 0.01 ? null : cat.districts[Math.floor(rnd() * cat.districts.length)]!;
    const department = departmentFor(category.id, district, category.dept);
    const fast = category.kind === 'bin';
    let state: string;
    let ack: number | null = null;
    let closed: number | null = null;
    if (isOpen) {
      state = pickWeighted(rnd, OPEN);
      if (state !== 'new') ack = Math.min(created + logNormal(rnd, fast ? 2 * HOUR : 8 * HOUR), now.getTime() - 1000);
      openCount++;
    } else {
      state = pickWeighted(rnd, CLOSED);
      ack = created + logNormal(rnd, fast ? 2 * HOUR : 8 * HOUR);
      closed = ack + logNormal(rnd, fast ? 6 * HOUR : 2 * DAY, 1.2);
      // A report closed "in the future" is closed just before now instead.
      if (closed >= now.getTime()) {
        closed = now.getTime() - 1000 - rnd() * HOUR;
        ack = Math.min(ack, closed);
      }
      if (ack < created) ack = created;
    }
    const support = fast ? 1 + Math.floor(-Math.log(Math.max(rnd(), 1e-9)) * 1.5) : rnd() < 0.1 ? 2 : 1;
    batch.push(
      category.id, department, district, bin?.id ?? null, 49.98 + rnd() * 0.05, 8.2 + rnd() * 0.1, bin ? 'bin' : 'map',
      bin ? null : DESCRIPTIONS[Math.floor(rnd() * DESCRIPTIONS.length)], state, bin ? 'qr' : rnd() < 0.15 ? 'api' : 'web', support,
      iso(created), iso(closed ?? ack ?? created), iso(closed), 0, bin ? 0 : 1, rnd() < 0.05 ? 1 : 0, iso(created + category.target * HOUR), iso(ack), iso(created + 60_000),
    );
    if (batch.length === ROWS_PER_INSERT * COLUMNS.length) {
      insertMany.run(batch);
      batch = [];
    }
  }
  for (let k = 0; k < batch.length; k += COLUMNS.length) insertOne.run(batch.slice(k, k + COLUMNS.length));
  // Events only where the back office reads them: the history of the open reports.
  sqlite.exec(`insert into report_events (report_id, type, to_state, created_at) select id, 'created', 'new', created_at from reports where state in ('new', 'acknowledged', 'in_progress')`);
  sqlite.exec(`insert into report_events (report_id, type, from_state, to_state, actor, created_at)
    select id, 'state_changed', 'new', state, 'staff:bench', acknowledged_at from reports where state in ('acknowledged', 'in_progress')`);
  sqlite.exec('commit');
  for (const index of indexes) sqlite.exec(index.sql);
  // No ANALYZE: the application never runs it, so the planner here must do without statistics too.
  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  if (openCount !== BENCH_OPEN) throw new Error(`built ${openCount} open reports, expected ${BENCH_OPEN}`);
}
