// Writes the rows of a bin file: a bin is recognised by its external ref (the city's id or the OSM
// node), so a re-import updates instead of duplicating, and an existing bin's code never changes:
// its sticker is on the street. Checking and writing happen in one transaction.
import { checkBinCandidates, isGoodCandidate, type BinCandidate } from '../domain/bin-import.ts';
import { DEFAULT_BIN_TYPE } from '../domain/bin-values.ts';
import { bboxOf } from '../domain/geo.ts';
import { findDistrict, type RoutingDistrict, type RoutingTable } from '../domain/routing.ts';
import { insertBins, unusedBinCode } from './bins.ts';
import { inTransaction, type Db } from './connection.ts';
import { listActiveDistricts, loadCityBoundary } from './districts.ts';
import type { BinTable, NewBin } from './schema.ts';
import type { Updateable } from 'kysely';

export interface BinImportResult {
  added: number;
  updated: number;
  /** Every bad row with its problems: skipped when `imported`, otherwise the reason nothing was written. */
  bad: BinCandidate[];
  imported: boolean;
}

interface CityData {
  boundary: RoutingTable['boundary'];
  districts: RoutingDistrict[];
  departmentIds: Map<string, number>;
}

async function loadCityData(db: Db): Promise<CityData> {
  const [boundary, districts, departments] = await Promise.all([
    loadCityBoundary(db),
    listActiveDistricts(db),
    db.selectFrom('departments').select(['id', 'slug']).orderBy('slug').execute(),
  ]);
  return {
    boundary: boundary ? { geometry: boundary.geometry, bbox: bboxOf(boundary.geometry) } : null,
    districts: districts.map((d) => ({ id: d.id, name: d.name, geometry: d.geometry, bbox: bboxOf(d.geometry) })),
    departmentIds: new Map(departments.map((d) => [d.slug, d.id])),
  };
}

/** Only what the row states: a value the file does not give stays as it is. */
function changesFor(c: BinCandidate, city: CityData, wasActive: boolean, now: string): Updateable<BinTable> {
  const f = c.fields;
  const changes: Updateable<BinTable> = {
    lat: c.lat,
    lon: c.lon,
    district_id: findDistrict({ lat: c.lat, lon: c.lon }, city.districts)?.id ?? null,
  };
  if (f.description !== undefined) changes.description = f.description;
  if (f.binType !== undefined) changes.bin_type = f.binType;
  if (f.volumeL !== undefined) changes.volume_l = f.volumeL;
  if (f.department !== undefined) changes.department_id = city.departmentIds.get(f.department)!;
  if (f.nextEmptyingAt !== undefined) changes.next_emptying_at = f.nextEmptyingAt;
  if (f.active !== undefined && f.active !== wasActive) {
    changes.active = f.active ? 1 : 0;
    changes.retired_at = f.active ? null : now;
  }
  return changes;
}

function newBin(c: BinCandidate, code: string, city: CityData, now: string): NewBin {
  const f = c.fields;
  const active = f.active !== false;
  return {
    code,
    lat: c.lat,
    lon: c.lon,
    district_id: findDistrict({ lat: c.lat, lon: c.lon }, city.districts)?.id ?? null,
    department_id: f.department !== undefined ? city.departmentIds.get(f.department)! : null,
    bin_type: f.binType ?? DEFAULT_BIN_TYPE,
    volume_l: f.volumeL ?? null,
    description: f.description ?? '',
    external_ref: c.ref,
    next_emptying_at: f.nextEmptyingAt ?? null,
    active: active ? 1 : 0,
    created_at: now,
    retired_at: active ? null : now,
  };
}

/**
 * Checks the rows against the city's data and writes the good ones. With bad rows and without
 * `skipBad` nothing is written; with `skipBad` the good rows are and the bad ones are returned.
 */
export function importBins(db: Db, candidates: BinCandidate[], options: { now: string; skipBad: boolean }): Promise<BinImportResult> {
  return inTransaction(db, async (trx) => {
    const city = await loadCityData(trx);
    const checked = checkBinCandidates(candidates, { boundary: city.boundary, departmentSlugs: [...city.departmentIds.keys()] });
    const bad = checked.filter((c) => !isGoodCandidate(c));
    if (bad.length > 0 && !options.skipBad) return { added: 0, updated: 0, bad, imported: false };

    const known = await trx.selectFrom('bins').select(['id', 'external_ref', 'active']).where('external_ref', 'is not', null).execute();
    const byRef = new Map(known.map((b) => [b.external_ref!, b]));
    const added: NewBin[] = [];
    const chosenCodes = new Set<string>();
    let updated = 0;
    for (const c of checked.filter(isGoodCandidate)) {
      const existing = byRef.get(c.ref);
      if (existing) {
        await trx.updateTable('bins').set(changesFor(c, city, existing.active === 1, options.now)).where('id', '=', existing.id).execute();
        updated++;
      } else {
        const code = await unusedBinCode(trx, { alsoTaken: chosenCodes });
        chosenCodes.add(code);
        added.push(newBin(c, code, city, options.now));
      }
    }
    await insertBins(trx, added);
    return { added: added.length, updated, bad, imported: true };
  });
}
