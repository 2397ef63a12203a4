// npm run import -- districts|boundary FILE.geojson [--name-property NAME]
// Checks the whole file first; a file with any problem changes nothing.
import { readFileSync } from 'node:fs';
import { GeoJsonError, parseNamedAreas } from '../../server/domain/geojson.ts';
import { openDatabase } from '../connection.ts';
import { replaceDistricts, saveCityBoundary } from '../districts.ts';
import { migrateToLatest } from '../migrate.ts';
import { configOrExit, fail, parseArgsOrExit } from './config.ts';

const USAGE = 'Usage: npm run import -- districts|boundary FILE.geojson [--name-property NAME]';


const { values, positionals } = parseArgsOrExit({ allowPositionals: true, options: { 'name-property': { type: 'string', default: 'name' } } }, USAGE);
const [kind, file] = positionals;
if ((kind !== 'districts' && kind !== 'boundary') || !file || positionals.length > 2) fail([USAGE]);

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (err) {
  fail([`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
}

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
