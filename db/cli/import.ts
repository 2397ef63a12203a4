// npm run import -- districts|boundary FILE.geojson [--name-property NAME]
// npm run import -- addresses FILE (an OpenStreetMap GeoJSON export of addr:* features, or HK-DE)
// Checks the whole file first; a file with any problem changes nothing.
import { readFileSync } from 'node:fs';
import { AddressFileError, readAddressFile } from '../../domain/address-files.ts';
import { GeoJsonError, parseNamedAreas } from '../../domain/geojson.ts';
import { replaceAddresses } from '../addresses.ts';
import { openDatabase } from '../connection.ts';
import { replaceDistricts, saveCityBoundary } from '../districts.ts';
import { migrateToLatest } from '../migrate.ts';
import { configOrExit, fail, parseArgsOrExit } from './config.ts';

const USAGE = 'Usage: npm run import -- districts|boundary FILE.geojson [--name-property NAME]\n       npm run import -- addresses FILE (OpenStreetMap GeoJSON with addr:* tags, or HK-DE house coordinates)';

const { values, positionals } = parseArgsOrExit({ allowPositionals: true, options: { 'name-property': { type: 'string', default: 'name' } } }, USAGE);
const [kind, file] = positionals;
if ((kind !== 'districts' && kind !== 'boundary' && kind !== 'addresses') || !file || positionals.length > 2) fail([USAGE]);

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (err) {
  fail([`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
}

if (kind === 'addresses') await importAddresses(file!, text);

let areas;
try {
  areas = parseNamedAreas(text, values['name-property']!);
} catch (err) {
  if (!(err instanceof GeoJsonError)) throw err;
  fail([...err.problems.map((p) => `${file}: ${p}`), 'Nothing was imported.']);
}

const config = configOrExit();
const db = openDatabase(config.databaseUrl);
await migrateToLatest(db);
const now = new Date().toISOString();
if (kind === 'districts') {
  const r = await replaceDistricts(db, areas, { approximate: false, now });
  console.log(`Imported ${areas.length} districts from ${file}: ${r.added} added, ${r.updated} updated, ${r.deactivated} deactivated.`);
} else {
  await saveCityBoundary(db, areas, { approximate: false, now });
  console.log(`Imported the city boundary from ${file} (${areas.length} feature(s)).`);
}
await db.destroy();

/** The whole address list replaced by the file's, or, with any problem in it, nothing changed. */
async function importAddresses(file: string, text: string): Promise<never> {
  let reading;
  try {
    reading = readAddressFile(text);
  } catch (err) {
    if (!(err instanceof AddressFileError)) throw err;
    fail([...err.problems.map((p) => `${file}: ${p}`), 'Nothing was imported.']);
  }
  const config = configOrExit();
  const db = openDatabase(config.databaseUrl);
  await migrateToLatest(db);
  const count = await replaceAddresses(db, reading.addresses, reading.format);
  await db.destroy();
  const format = reading.format === 'osm' ? 'OpenStreetMap GeoJSON' : 'HK-DE';
  console.log(`Imported ${count} addresses from ${file} (${format}); they replace the previous addresses.`);
  for (const line of reading.skipped) console.log(`Skipped ${line}.`);
  process.exit(0);
}
