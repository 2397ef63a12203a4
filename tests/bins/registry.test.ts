// The bin register on the seeded in-memory database: import, re-import, codes, reissue, retire.
import { describe, expect, it } from 'vitest';
import { importBins } from '../../db/bin-import.ts';
import { BinCodeError, lookupBinCode, reissueBinCode, retireBin, unusedBinCode } from '../../db/bins.ts';
import type { Db } from '../../db/connection.ts';
import { codeFromNumber, isValidBinCode } from '../../qr/codes.ts';
import { readBinFile } from '../../domain/bin-import.ts';
import { createTestContext, departmentId } from '../helpers.ts';
import { OVERPASS_BINS_ONLY, OVERPASS_EXPORT, REGISTER_CSV } from './fixtures.ts';

const NOW = '2026-11-21T10:00:00.000Z';
const LATER = '2026-12-01T08:00:00.000Z';

function importText(db: Db, text: string, options: { now?: string; skipBad?: boolean } = {}) {
  return importBins(db, readBinFile(text).candidates, { now: options.now ?? NOW, skipBad: options.skipBad ?? false });
}

async function countBins(db: Db): Promise<number> {
  const row = await db.selectFrom('bins').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function binByRef(db: Db, ref: string) {
  return db
    .selectFrom('bins')
    .leftJoin('districts', 'districts.id', 'bins.district_id')
    .selectAll('bins')
    .select('districts.name as district')
    .where('external_ref', '=', ref)
    .executeTakeFirstOrThrow();
}

async function everything(db: Db) {
  return { bins: await db.selectFrom('bins').selectAll().orderBy('id').execute(), codes: await db.selectFrom('bin_codes').selectAll().orderBy('code').execute() };
}

describe('importing bins', () => {
  it('adds new bins with a fresh valid code, a bin_codes row and the district of their location', async () => {
    const { db } = await createTestContext();
    const result = await importText(db, REGISTER_CSV);
    expect(result).toEqual({ added: 3, updated: 0, bad: [], imported: true });
    expect(await countBins(db)).toBe(303);
    const first = await binByRef(db, 'MZ-0001');
    expect(first).toMatchObject({
      lat: 50.0012,
      lon: 8.2738,
      district: 'Altstadt',
      description: 'Rheinufer, Höhe Fischtor',
      bin_type: 'Papierkorb',
      volume_l: 50,
      department_id: null,
      next_emptying_at: '2026-11-23T05:00:00.000Z',
      active: 1,
      created_at: NOW,
      retired_at: null,
    });
    expect((await binByRef(db, 'MZ-0002')).department_id).toBe(await departmentId(db, 'gruen'));
    expect((await binByRef(db, 'MZ-0003')).department_id).toBe(await departmentId(db, 'entsorgung'));
    expect(isValidBinCode(first.code)).toBe(true);
    expect(await db.selectFrom('bin_codes').selectAll().where('bin_id', '=', first.id).execute()).toEqual([{ code: first.code, bin_id: first.id, issued_at: NOW, revoked_at: null }]);
    expect(await lookupBinCode(db, first.code)).toMatchObject({ status: 'active', bin: { id: first.id } });
  });

  it('updates on re-import, never duplicates, keeps codes and re-derives the district', async () => {
    const { db } = await createTestContext();
    await importText(db, REGISTER_CSV);
    const before = await binByRef(db, 'MZ-0001');
    // Moved into the Neustadt and described anew; run twice to be sure nothing accumulates.
    const moved = REGISTER_CSV.replace('MZ-0001;50,0012;8,2738;"Rheinufer, Höhe Fischtor"', 'MZ-0001;50,003;8,265;Kaiserstraße, Mittelstreifen');
    for (let run = 0; run < 2; run++) {
      expect(await importText(db, moved, { now: LATER })).toEqual({ added: 0, updated: 3, bad: [], imported: true });
      expect(await countBins(db)).toBe(303);
    }
    const after = await binByRef(db, 'MZ-0001');
    expect(after).toMatchObject({ id: before.id, code: before.code, lat: 50.003, lon: 8.265, district: 'Neustadt', description: 'Kaiserstraße, Mittelstreifen', created_at: NOW });
    expect(await db.selectFrom('bin_codes').select('code').where('bin_id', '=', before.id).execute()).toEqual([{ code: before.code }]);
  });

  it('leaves what a file does not give alone: empty cells and missing columns', async () => {
    const { db } = await createTestContext();
    await importText(db, REGISTER_CSV);
    await importText(db, 'ref;lat;lon;department;volume_l\nMZ-0002;49,9995;8,2685;;\n');
    expect(await binByRef(db, 'MZ-0002')).toMatchObject({ department_id: await departmentId(db, 'gruen'), volume_l: 100, description: 'Markt, am Dom', bin_type: 'Papierkorb mit Hundekotbeutelspender', next_emptying_at: '2026-11-23T23:00:00.000Z' });
  });

  it('retires and brings back bins through the active column, and keeps the state when it is not given', async () => {
    const { db } = await createTestContext();
    await importText(db, REGISTER_CSV);
    await importText(db, 'ref,lat,lon,active\nMZ-0003,50.0005,8.2760,0\n', { now: LATER });
    const retired = await binByRef(db, 'MZ-0003');
    expect(retired).toMatchObject({ active: 0, retired_at: LATER });
    expect((await lookupBinCode(db, retired.code)).status).toBe('retired');
    await importText(db, 'ref,lat,lon,active\nMZ-0003,50.0005,8.2760,\n');
    expect(await binByRef(db, 'MZ-0003')).toMatchObject({ active: 0, retired_at: LATER });
    await importText(db, 'ref,lat,lon,active\nMZ-0003,50.0005,8.2760,1\nMZ-0004,50.0005,8.2760,0\n', { now: '2027-01-01T00:00:00.000Z' });
    expect(await binByRef(db, 'MZ-0003')).toMatchObject({ active: 1, retired_at: null });
    expect(await binByRef(db, 'MZ-0004')).toMatchObject({ active: 0, retired_at: '2027-01-01T00:00:00.000Z' });
  });

  it('imports an OpenStreetMap export and recognises the nodes again', async () => {
    const { db } = await createTestContext();
    expect(await importText(db, JSON.stringify(OVERPASS_BINS_ONLY))).toMatchObject({ added: 3, updated: 0, imported: true });
    const dogBags = await binByRef(db, 'osm:node/2345678');
    expect(dogBags).toMatchObject({ description: 'Hundewiese Volkspark', bin_type: 'Papierkorb mit Hundekotbeutelspender', district: 'Altstadt', volume_l: null });
    expect(await binByRef(db, 'MZ-0815')).toMatchObject({ description: '', bin_type: 'Papierkorb' });
    expect(await importText(db, JSON.stringify(OVERPASS_BINS_ONLY))).toMatchObject({ added: 0, updated: 3 });
    expect(await countBins(db)).toBe(303);
    expect((await binByRef(db, 'osm:node/2345678')).code).toBe(dogBags.code);
  });

  it('changes nothing when the file has a bad row, and says which', async () => {
    const { db } = await createTestContext();
    await importText(db, REGISTER_CSV);
    const before = await everything(db);
    const bad = `${REGISTER_CSV}\r\nMZ-0009;50,5;8,27;weit weg;;;;;\r\nMZ-0010;50;8,27;;;;parks;;\r\nMZ-0011;50;8,27;Neu;;;;;`.replace('Liebfrauenplatz', 'Liebfrauenplatz, neu');
    const result = await importText(db, bad);
    expect(result.imported).toBe(false);
    expect(result.bad.map((c) => `${c.where}: ${c.problems.join('; ')}`)).toEqual([
      'line 5: lat 50.5, lon 8.27 is outside the city boundary',
      'line 6: department "parks" is unknown (known: entsorgung, gruen, licht, ordnung, tiefbau, verkehr, zentrale)',
    ]);
    expect(await everything(db)).toEqual(before);
  });

  it('imports the good rows and lists the bad ones with skipBad', async () => {
    const { db } = await createTestContext();
    const result = await importText(db, JSON.stringify(OVERPASS_EXPORT), { skipBad: true });
    expect(result).toMatchObject({ added: 3, updated: 0, imported: true });
    expect(result.bad.map((c) => c.where)).toEqual(['feature 4 (node/4567890)']);
    expect(await countBins(db)).toBe(303);
  });
});

describe('bin codes', () => {
  it('reissue revokes the old code and issues a new one; both stay valid codes', async () => {
    const { db } = await createTestContext();
    await importText(db, REGISTER_CSV);
    const bin = await binByRef(db, 'MZ-0001');
    const { oldCode, newCode, bin: reissued } = await reissueBinCode(db, bin.code, LATER);
    expect(oldCode).toBe(bin.code);
    expect(newCode).not.toBe(oldCode);
    expect(reissued.code).toBe(newCode);
    expect([isValidBinCode(oldCode), isValidBinCode(newCode)]).toEqual([true, true]);
    expect(await lookupBinCode(db, oldCode)).toMatchObject({ status: 'revoked', bin: { id: bin.id, code: newCode }, currentCode: newCode });
    expect(await lookupBinCode(db, newCode)).toMatchObject({ status: 'active', bin: { id: bin.id, description: bin.description } });
    expect(await db.selectFrom('bin_codes').select(['code', 'issued_at', 'revoked_at']).where('bin_id', '=', bin.id).orderBy('issued_at').execute()).toEqual([
      { code: oldCode, issued_at: NOW, revoked_at: LATER },
      { code: newCode, issued_at: LATER, revoked_at: null },
    ]);
    // A re-import recognises the bin by its ref and keeps the new code.
    await importText(db, REGISTER_CSV);
    expect((await binByRef(db, 'MZ-0001')).code).toBe(newCode);
  });

  it('refuses to reissue or retire a revoked, retired or unknown code, and changes nothing', async () => {
    const { db } = await createTestContext();
    await importText(db, REGISTER_CSV);
    const { code } = await binByRef(db, 'MZ-0001');
    const { newCode } = await reissueBinCode(db, code, LATER);
    const other = (await binByRef(db, 'MZ-0002')).code;
    await retireBin(db, other, LATER);
    const before = await everything(db);
    const unissued = codeFromNumber(12345);
    for (const [input, status] of [[code, 'revoked'], [other, 'retired'], [unissued, 'unknown']] as const) {
      for (const change of [reissueBinCode, retireBin]) {
        const error = await change(db, input, '2027-01-01T00:00:00.000Z').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BinCodeError);
        expect((error as BinCodeError).lookup.status).toBe(status);
      }
    }
    expect(await everything(db)).toEqual(before);
    const revoked = await reissueBinCode(db, code, LATER).catch((e: Error) => e.message);
    expect(revoked).toBe(`${code} is an old, revoked code; the bin "Rheinufer, Höhe Fischtor" now has code ${newCode}`);
  });

  it('retire marks the bin retired; lookup then says so', async () => {
    const { db } = await createTestContext();
    const seeded = await db.selectFrom('bins').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const retired = await retireBin(db, seeded.code, LATER);
    expect(retired).toMatchObject({ id: seeded.id, active: 0, retired_at: LATER });
    expect(await lookupBinCode(db, seeded.code)).toMatchObject({ status: 'retired', bin: { id: seeded.id, active: 0, retired_at: LATER } });
  });

  it('lookup reads codes as people type them and says unknown for anything else', async () => {
    const { db } = await createTestContext();
    const { code } = await db.selectFrom('bins').select('code').orderBy('id').executeTakeFirstOrThrow();
    const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`;
    expect((await lookupBinCode(db, typed)).status).toBe('active');
    for (const input of ['', 'nonsense', codeFromNumber(12345)]) expect(await lookupBinCode(db, input)).toEqual({ status: 'unknown' });
  });

  it('a fresh code is never one that was ever issued', async () => {
    const { db } = await createTestContext();
    const bin = await db.selectFrom('bins').select('id').orderBy('id').executeTakeFirstOrThrow();
    await db.insertInto('bin_codes').values({ code: codeFromNumber(1), bin_id: bin.id, issued_at: NOW, revoked_at: NOW }).execute();
    const sequence = [1, 2, 3];
    expect(await unusedBinCode(db, { random: () => sequence.shift()! })).toBe(codeFromNumber(2));
    const again = [1, 2, 3];
    expect(await unusedBinCode(db, { random: () => again.shift()!, alsoTaken: new Set([codeFromNumber(2)]) })).toBe(codeFromNumber(3));
  });
});
