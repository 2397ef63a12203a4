import type { Db } from './connection.ts';
import type { Bin, NewBin } from './schema.ts';
import { inTransaction } from './connection.ts';
import { generateBinCode, normalizeBinCode } from '../qr/codes.ts';

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

// --- The bin registry: what a code stands for, new stickers, retired bins. ---

export type BinCodeLookup = { status: 'active' | 'retired' | 'revoked'; bin: Bin; currentCode?: string } | { status: 'unknown' };

/**
 * What a scanned or typed code stands for: the current code of an active or a retired bin, an old
 * code of a bin whose sticker was replaced (currentCode says the new one), or nothing.
 */
export async function lookupBinCode(db: Db, code: string): Promise<BinCodeLookup> {
  const normalized = normalizeBinCode(code);
  if (!normalized) return { status: 'unknown' };
  const bin = await findBinByCode(db, normalized);
  if (bin) return { status: bin.active === 1 ? 'active' : 'retired', bin, currentCode: bin.code };
  const replaced = await db
    .selectFrom('bin_codes')
    .innerJoin('bins', 'bins.id', 'bin_codes.bin_id')
    .selectAll('bins')
    .where('bin_codes.code', '=', normalized)
    .where('bin_codes.revoked_at', 'is not', null)
    .executeTakeFirst();
  return replaced ? { status: 'revoked', bin: replaced, currentCode: replaced.code } : { status: 'unknown' };
}

/** A code that is not the current code of an active bin, said so that an administrator knows what to do. */
export class BinCodeError extends Error {
  constructor(
    readonly code: string,
    readonly lookup: Exclude<BinCodeLookup, { status: 'active' }>,
  ) {
    super(
      lookup.status === 'unknown'
        ? `${code} is not the code of any bin`
        : lookup.status === 'revoked'
          ? `${code} is an old, revoked code; the bin "${lookup.bin.description}" now has code ${lookup.currentCode}`
          : `${code} belongs to a bin that was retired on ${lookup.bin.retired_at ?? '(unknown date)'} ("${lookup.bin.description}")`,
    );
  }
}

async function findActiveBinOrThrow(db: Db, code: string): Promise<Bin> {
  const found = await lookupBinCode(db, code);
  if (found.status !== 'active') throw new BinCodeError(normalizeBinCode(code) ?? code, found);
  return found.bin;
}

/**
 * A fresh code that no bin has ever had: bin_codes keeps every code ever issued, so an old sticker
 * can never point at a different bin. `alsoTaken` covers codes chosen but not yet written.
 */
export async function unusedBinCode(
  db: Db,
  options: { alsoTaken?: ReadonlySet<string>; random?: (maxExclusive: number) => number } = {},
): Promise<string> {
  for (;;) {
    const code = generateBinCode(options.random);
    if (options.alsoTaken?.has(code)) continue;
    const issued = await db.selectFrom('bin_codes').select('code').where('code', '=', code).executeTakeFirst();
    if (!issued) return code;
  }
}

/** New sticker: the old code is revoked (kept, so scans of it can be explained) and a fresh one issued. */
export function reissueBinCode(db: Db, code: string, now: string): Promise<{ bin: Bin; oldCode: string; newCode: string }> {
  return inTransaction(db, async (trx) => {
    const bin = await findActiveBinOrThrow(trx, code);
    const newCode = await unusedBinCode(trx);
    await trx.updateTable('bin_codes').set({ revoked_at: now }).where('code', '=', bin.code).execute();
    await trx.insertInto('bin_codes').values({ code: newCode, bin_id: bin.id, issued_at: now }).execute();
    await trx.updateTable('bins').set({ code: newCode }).where('id', '=', bin.id).execute();
    return { bin: { ...bin, code: newCode }, oldCode: bin.code, newCode };
  });
}

/** The bin is gone from the street; its row and code stay so that history and old scans still resolve. */
export function retireBin(db: Db, code: string, now: string): Promise<Bin> {
  return inTransaction(db, async (trx) => {
    const bin = await findActiveBinOrThrow(trx, code);
    await trx.updateTable('bins').set({ active: 0, retired_at: now }).where('id', '=', bin.id).execute();
    return { ...bin, active: 0, retired_at: now };
  });
}

export type BinWithDistrict = Bin & { district_name: string | null };

/** Bins with their district's name, active ones only unless asked, by district and description. */
export function listBinsWithDistrict(db: Db, options: { districtId?: number; includeRetired?: boolean } = {}): Promise<BinWithDistrict[]> {
  let query = db
    .selectFrom('bins')
    .leftJoin('districts', 'districts.id', 'bins.district_id')
    .selectAll('bins')
    .select('districts.name as district_name');
  if (!options.includeRetired) query = query.where('bins.active', '=', 1);
  if (options.districtId !== undefined) query = query.where('bins.district_id', '=', options.districtId);
  return query.orderBy('districts.name').orderBy('bins.description').orderBy('bins.id').execute();
}
