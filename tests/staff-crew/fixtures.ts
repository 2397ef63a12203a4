// Bin tasks for the crew tests: presses through the real recordBinPress, so tasks are routed and
// counted exactly as the scan page does it.
import { recordBinPress } from '../../db/bin-tasks.ts';
import type { Db } from '../../db/connection.ts';
import type { Bin } from '../../db/schema.ts';
import { categoryId } from '../helpers.ts';

/** Active seeded bins of a district without an own department (their "full" tasks go to Entsorgung). */
export async function plainBins(db: Db, district: string, count: number): Promise<Bin[]> {
  return db
    .selectFrom('bins')
    .innerJoin('districts', 'districts.id', 'bins.district_id')
    .selectAll('bins')
    .where('districts.name', '=', district)
    .where('bins.department_id', 'is', null)
    .where('bins.active', '=', 1)
    .orderBy('bins.id')
    .limit(count)
    .execute();
}

/** `times` presses of one reason (category slug) on a bin, at `at`. Returns the task's report id. */
export async function press(db: Db, bin: Bin, category: string, at: Date, times = 1): Promise<number> {
  const id = await categoryId(db, category);
  let reportId = 0;
  for (let i = 0; i < times; i++) {
    reportId = (await recordBinPress(db, { bin, categoryId: id, text: null, now: new Date(at.getTime() + i * 60_000).toISOString() })).reportId;
  }
  return reportId;
}

export const hoursBefore = (now: Date, hours: number) => new Date(now.getTime() - hours * 3_600_000);

export function form(values: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) for (const v of ([] as string[]).concat(value)) data.append(key, v);
  return data;
}
