import type { Db } from './connection.ts';
import type { Bin, NewBin } from './schema.ts';

export async function insertBins(db: Db, bins: NewBin[]): Promise<void> {
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < bins.length; i += 500) {
    await db.insertInto('bins').values(bins.slice(i, i + 500)).execute();
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
