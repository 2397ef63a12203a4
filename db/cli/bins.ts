// npm run bins -- import FILE [--skip-bad] | list [--district NAME] [--retired] | reissue CODE | retire CODE
// The bin register for administrators. A file with bad rows changes nothing unless --skip-bad says
// to import the good rows; every bad row is named by its line or feature.
import { readFileSync } from 'node:fs';
import { isValidBinCode, normalizeBinCode } from '../../qr/codes.ts';
import { BinFileError, readBinFile, type BinFileReading } from '../../domain/bin-import.ts';
import { importBins } from '../bin-import.ts';
import { BinCodeError, findBinByCode, listBinsWithDistrict, reissueBinCode, retireBin } from '../bins.ts';
import { retireBinAndCloseTasks } from '../staff-bins.ts';
import { openDatabase, type Db } from '../connection.ts';
import { listActiveDistricts } from '../districts.ts';
import { migrateToLatest } from '../migrate.ts';
import { configOrExit, fail, parseArgsOrExit } from './config.ts';

const USAGE = 'Usage: npm run bins -- import FILE [--skip-bad] | list [--district NAME] [--retired] | reissue CODE | retire CODE';


const { values, positionals } = parseArgsOrExit({ allowPositionals: true, options: { 'skip-bad': { type: 'boolean' }, district: { type: 'string' }, retired: { type: 'boolean' } } }, USAGE);
const [command, argument] = positionals;
const listOptions = values.district !== undefined || values.retired !== undefined;
const usageOk =
  (command === 'import' && positionals.length === 2 && !listOptions) ||
  (command === 'list' && positionals.length === 1 && values['skip-bad'] === undefined) ||
  ((command === 'reissue' || command === 'retire') && positionals.length === 2 && !listOptions && values['skip-bad'] === undefined);
if (!usageOk) fail([USAGE]);

/** Columns padded to their widest cell; the last column is not padded. */
function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

function readFileOrExit(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    return fail([`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
  }
}

function codeOrExit(input: string): string {
  const code = normalizeBinCode(input);
  if (!code) fail([`"${input}" is not a bin code (7 characters: digits and letters without I, L, O, U)`]);
  if (!isValidBinCode(code)) fail([`${code} is not a valid bin code: its check characters do not match (a typo?)`]);
  return code;
}

/** The whole file is read and checked on its own before the database is opened. */
function readBinFileOrExit(file: string): BinFileReading {
  const text = readFileOrExit(file);
  try {
    return readBinFile(text);
  } catch (err) {
    if (!(err instanceof BinFileError)) throw err;
    return fail([...err.problems.map((p) => `${file}: ${p}`), 'Nothing was imported.']);
  }
}

async function importFile(db: Db, file: string, reading: BinFileReading, skipBad: boolean): Promise<void> {
  for (const warning of reading.warnings) console.error(`${file}: ${warning}`);
  const result = await importBins(db, reading.candidates, { now: new Date().toISOString(), skipBad });
  for (const bad of result.bad) console.error(`${file}: ${bad.where}: ${bad.problems.join('; ')}`);
  if (!result.imported) fail(['Nothing was imported.']);
  console.log(`Imported ${file}: ${result.added} added, ${result.updated} updated, ${result.bad.length} skipped (bad rows).`);
}

async function listBins(db: Db, districtName: string | undefined, includeRetired: boolean): Promise<void> {
  let districtId: number | undefined;
  if (districtName !== undefined) {
    const districts = await listActiveDistricts(db);
    const wanted = districtName.trim().toLocaleLowerCase('de');
    const district = districts.find((d) => d.name.toLocaleLowerCase('de') === wanted);
    if (!district) fail([`"${districtName}" is not an active district (districts: ${districts.map((d) => d.name).join(', ')})`]);
    districtId = district.id;
  }
  const bins = await listBinsWithDistrict(db, { districtId, includeRetired });
  if (bins.length === 0) return console.log('No bins.');
  const rows = bins.map((b) => [b.code, b.district_name ?? '-', b.description, b.bin_type, b.active === 1 ? 'yes' : 'no']);
  console.log(formatTable([['code', 'district', 'description', 'type', 'active'], ...rows]));
}

async function changeCode(db: Db, what: 'reissue' | 'retire', code: string): Promise<void> {
  const now = new Date().toISOString();
  try {
    if (what === 'reissue') {
      const { bin, oldCode, newCode } = await reissueBinCode(db, code, now);
      console.log(`Bin "${bin.description}": code ${oldCode} is revoked, the new code is ${newCode}.`);
      console.log(`Print a new sticker with ${newCode} and replace the old one: scans of ${oldCode} now say that the sticker was replaced.`);
    } else {
      // An unknown, revoked or retired code: retireBin throws the error that names the problem.
      const bin = (await findBinByCode(db, code)) ?? (await retireBin(db, code, now));
      // Like the bin pages: a retired bin's open tasks are closed as "no action possible".
      const closed = await retireBinAndCloseTasks(db, bin.id, { actor: 'cli', now });
      console.log(`Retired bin ${bin.code} ("${bin.description}"). Remove its sticker; the code is never given to another bin.`);
      if (closed.length) console.log(`Closed its open task(s) ${closed.map((id) => `#${id}`).join(', ')} as "no action possible".`);
    }
  } catch (err) {
    if (!(err instanceof BinCodeError)) throw err;
    fail([err.message]);
  }
}

const code = command === 'reissue' || command === 'retire' ? codeOrExit(argument!) : '';
const reading = command === 'import' ? readBinFileOrExit(argument!) : null;
const config = configOrExit();
const db = openDatabase(config.databaseUrl);
await migrateToLatest(db);
if (reading) await importFile(db, argument!, reading, values['skip-bad'] === true);
else if (command === 'list') await listBins(db, values.district, values.retired === true);
else await changeCode(db, command as 'reissue' | 'retire', code);
await db.destroy();
