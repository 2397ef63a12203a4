// Districts as the administration sees them: all of them, active or not, with what depends on them.
import { sql } from 'kysely';
import { inTransaction, type Db } from './connection.ts';
import { assignBinDistricts } from './districts.ts';

export interface DistrictOverview {
  id: number;
  name: string;
  approximate: boolean;
  active: boolean;
  updated_at: string;
  bins: number;
  rules: number;
}

export async function listDistrictOverview(db: Db): Promise<DistrictOverview[]> {
  const rows = await db
    .selectFrom('districts')
    .select(['id', 'name', 'approximate', 'active', 'updated_at'])
    .select([
      sql<number>`(select count(*) from bins b where b.district_id = districts.id and b.active = 1)`.as('bins'),
      sql<number>`(select count(*) from routing_rules r where r.district_id = districts.id)`.as('rules'),
    ])
    .orderBy('active', 'desc')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ ...r, approximate: r.approximate === 1, active: r.active === 1, bins: Number(r.bins), rules: Number(r.rules) }));
}

export function findDistrictById(db: Db, id: number) {
  return db.selectFrom('districts').select(['id', 'name', 'active']).where('id', '=', id).executeTakeFirst();
}

/**
 * Switches a district on or off. Bins take their district from the active areas, so their district is
 * recomputed in the same transaction; reports keep the district they were filed in (history).
 */
export function setDistrictActive(db: Db, id: number, active: boolean, now: string): Promise<void> {
  return inTransaction(db, async (trx) => {
    await trx.updateTable('districts').set({ active: active ? 1 : 0, updated_at: now }).where('id', '=', id).execute();
    await assignBinDistricts(trx);
  });
}
