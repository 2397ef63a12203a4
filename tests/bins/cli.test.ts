// npm run bins as an administrator runs it, on a real database file.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordBinPress } from '../../db/bin-tasks.ts';
import { lookupBinCode } from '../../db/bins.ts';
import { openDatabase } from '../../db/connection.ts';
import { npmRun, scratchEnv } from '../cli/run.ts';
import { OVERPASS_EXPORT, REGISTER_CSV, writeFixture } from './fixtures.ts';

const env = scratchEnv();
const dbUrl = `sqlite:${join(env.DATA_DIR!, 'stadtmelder.sqlite')}`;
const file = (name: string, content: unknown) => writeFixture(env.DATA_DIR!, name, content);
const bins = (...args: string[]) => npmRun('bins', args, env);
const USAGE = 'Usage: npm run bins -- import FILE [--skip-bad] | list [--district NAME] [--retired] | reissue CODE | retire CODE';

async function withDb<T>(fn: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const db = openDatabase(dbUrl);
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

const snapshot = () => withDb(async (db) => ({ bins: await db.selectFrom('bins').selectAll().orderBy('id').execute(), codes: await db.selectFrom('bin_codes').selectAll().orderBy('code').execute() }));
const codeOf = (ref: string) => withDb(async (db) => (await db.selectFrom('bins').select('code').where('external_ref', '=', ref).executeTakeFirstOrThrow()).code);

beforeAll(() => {
  const seeded = npmRun('seed', [], env);
  expect(seeded.status, seeded.stderr).toBe(0);
});

describe('npm run bins', () => {
  it('imports a CSV register, and a second run updates instead of adding', async () => {
    const path = file('register.csv', REGISTER_CSV);
    const first = bins('import', path);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout.trim()).toBe(`Imported ${path}: 3 added, 0 updated, 0 skipped (bad rows).`);
    const code = await codeOf('MZ-0001');
    const again = bins('import', path);
    expect(again.stdout.trim()).toBe(`Imported ${path}: 0 added, 3 updated, 0 skipped (bad rows).`);
    expect((await snapshot()).bins).toHaveLength(303);
    expect(await codeOf('MZ-0001')).toBe(code);
  });

  it('refuses a file with bad rows, names them and changes nothing', async () => {
    const before = await snapshot();
    const path = file('bad.csv', 'ref,lat,lon,description\nN-1,50.0,8.27,fine\nN-2,fifty,8.27,bad\nN-3,50.0,8.27,"also fine"\nN-1,50.0,8.27,again\n');
    const result = bins('import', path);
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')).toEqual([`${path}: line 3: lat "fifty" is not a number`, `${path}: line 5: ref "N-1" is a duplicate (first in line 2)`, 'Nothing was imported.']);
    expect(result.stdout).toBe('');
    // A file that cannot be read as a whole is refused even with --skip-bad.
    const broken = bins('import', file('broken.csv', 'name;lat;lon\nx;50;8,27\n'), '--skip-bad');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('broken.csv: header (line 1): column "ref" is missing (the header has: name, lat, lon)\nNothing was imported.');
    expect(await snapshot()).toEqual(before);
  });

  it('imports an OpenStreetMap export: refused with the bench, the waste baskets with --skip-bad', async () => {
    const path = file('overpass.geojson', OVERPASS_EXPORT);
    const before = await snapshot();
    const refused = bins('import', path);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`${path}: feature 4 (node/4567890): amenity is "bench", not "waste_basket"\nNothing was imported.`);
    expect(await snapshot()).toEqual(before);

    const skipped = bins('import', path, '--skip-bad');
    expect(skipped.status).toBe(0);
    expect(skipped.stderr).toBe(`${path}: feature 4 (node/4567890): amenity is "bench", not "waste_basket"`);
    expect(skipped.stdout.trim()).toBe(`Imported ${path}: 3 added, 0 updated, 1 skipped (bad rows).`);
    // Known by their node ids from now on, except node/3456789, which carries ref MZ-0815.
    expect(await codeOf('osm:node/1234567')).toMatch(/^[0-9A-Z]{7}$/);
    expect(await codeOf('MZ-0815')).toMatch(/^[0-9A-Z]{7}$/);
    expect((await snapshot()).bins).toHaveLength(306);
  });

  it('lists bins as a table, by district, with or without the retired ones', async () => {
    const all = bins('list');
    expect(all.status).toBe(0);
    const lines = all.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^code {5}district +description +type +active$/);
    expect(lines).toHaveLength(1 + 306);
    const code = await codeOf('MZ-0001');
    expect(lines.find((l) => l.startsWith(code))).toMatch(new RegExp(`^${code}  Altstadt +Rheinufer, Höhe Fischtor +Papierkorb +yes$`));

    const altstadt = bins('list', '--district', 'altstadt').stdout.trim().split('\n').slice(1);
    // 20 demo bins, 3 from the register, 3 from OpenStreetMap.
    expect(altstadt.length).toBe(20 + 3 + 3);
    expect(altstadt.every((l) => / Altstadt /.test(l))).toBe(true);

    const unknown = bins('list', '--district', 'Kastel');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^"Kastel" is not an active district \(districts: Altstadt, Neustadt, /);
  });

  it('reissues a code: prints both, asks for a new sticker; the old code is revoked', async () => {
    const oldCode = await codeOf('MZ-0002');
    const result = bins('reissue', oldCode.toLowerCase());
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const newCode = await codeOf('MZ-0002');
    expect(newCode).not.toBe(oldCode);
    expect(result.stdout).toBe(
      `Bin "Markt, am Dom": code ${oldCode} is revoked, the new code is ${newCode}.\n` +
        `Print a new sticker with ${newCode} and replace the old one: scans of ${oldCode} now say that the sticker was replaced.\n`,
    );
    expect(await withDb((db) => lookupBinCode(db, oldCode))).toMatchObject({ status: 'revoked', currentCode: newCode });

    const again = bins('reissue', oldCode);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(`${oldCode} is an old, revoked code; the bin "Markt, am Dom" now has code ${newCode}`);
  });

  it('retires a bin once; list --retired shows it', async () => {
    const code = await codeOf('MZ-0003');
    const result = bins('retire', code);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Retired bin ${code} ("Liebfrauenplatz").`);
    expect(bins('list').stdout).not.toContain(code);
    expect(bins('list', '--retired').stdout).toMatch(new RegExp(`${code} .* no\\n`));
    const again = bins('retire', code);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`^${code} belongs to a bin that was retired on \\d{4}-`));
  });

  it('closes the open tasks of a retired bin as "no action possible"', async () => {
    const code = await codeOf('MZ-0002');
    const taskId = await withDb(async (db) => {
      const bin = await db.selectFrom('bins').select(['id', 'lat', 'lon']).where('code', '=', code).executeTakeFirstOrThrow();
      const category = await db.selectFrom('categories').select('id').where('bin_reason', '=', 'full').executeTakeFirstOrThrow();
      const press = await recordBinPress(db, { bin, categoryId: category.id, text: null, now: new Date().toISOString() });
      return press.reportId;
    });
    const result = bins('retire', code);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Closed its open task(s) #${taskId} as "no action possible".`);
    const task = await withDb((db) => db.selectFrom('reports').select(['state', 'closed_at']).where('id', '=', taskId).executeTakeFirstOrThrow());
    expect(task.state).toBe('no_action');
    expect(task.closed_at).not.toBeNull();
  });

  it('says how to use it, and refuses codes that cannot be codes', () => {
    for (const args of [[], ['import'], ['list', 'extra'], ['import', 'x.csv', '--retired'], ['reissue'], ['retire', 'A', 'B'], ['empty'], ['list', '--colour']]) {
      const result = bins(...args);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr.split('\n').at(-1), args.join(' ')).toBe(USAGE);
    }
    expect(bins('import', '/nonexistent.csv').stderr).toBe('/nonexistent.csv: cannot be read (ENOENT)');
    expect(bins('reissue', 'hello').stderr).toBe('"hello" is not a bin code (7 characters: digits and letters without I, L, O, U)');
    expect(bins('retire', '0000001').stderr).toBe('0000001 is not a valid bin code: its check characters do not match (a typo?)');
  });
});
