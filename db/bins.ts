import type { Db } from './connection.ts';
import type { Bin, NewBin } from './schema.ts';

/** Inserts bins and records their codes as issued. */
export async function insertBins(db: Db, bins: NewBin[]): Promise<void> {
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < bins.length; i += 200) {
    const inserted = await db.insertInto('bins').values(bins.slice(i, i + 200)).returning(['id', 'code', 'created_at']).execute();
    await db
      .insertInto('bin_codes')
      .values(inserted.map((b) => ({ code: b.code, bin_id: b.id, issued_at: b.created_at })))
      .execute();
  }
}

export function findBinByCode(db: Db, code: string): Promise<Bin | undefined> {
  return db.selectFrom('bins').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function countActiveBinsByDistrict(db: Db): Promise<Map<number | null, number>> {
  const rows = await db
    .selectFrom('bins')
    .select(['district_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('active', '=', 1)
    .groupBy('district_id')
    .execute();
  return new Map(rows.map((r) => [r.district_id, Number(r.count)]));
}
