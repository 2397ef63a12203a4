// npm run stickers -- --format ID [--district NAME | --codes A,B] --out FILE.pdf
// Prints the stickers of the active bins (all, one district's, or the codes given) as a PDF for label
// sheets. Every argument is checked before anything is written; a bad one gets one line on stderr.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { configOrExit, fail, parseArgsOrExit } from '../db/cli/config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { translator } from '../server/i18n/index.ts';
import { FormatError, loadFormats, type StickerFormat } from './formats.ts';
import { selectStickers } from './selection.ts';
import { writeStickerPdf } from './sheet.ts';
import { QrUrlError } from './symbol.ts';

const USAGE = 'Usage: npm run stickers -- --format ID [--district NAME | --codes CODE,CODE] --out FILE.pdf';


const { values, positionals } = parseArgsOrExit({
      allowPositionals: true,
      options: { format: { type: 'string' }, district: { type: 'string' }, codes: { type: 'string' }, out: { type: 'string' } },
    }, USAGE);
if (positionals.length) fail([`Unexpected argument: ${positionals.join(' ')}`, USAGE]);

let formats: StickerFormat[];
try {
  formats = loadFormats();
} catch (err) {
  if (!(err instanceof FormatError)) throw err;
  fail([err.message]);
}

const problems: string[] = [];
const out = values.out ? resolve(values.out) : undefined;
if (!out) problems.push('--out FILE.pdf is missing: where should the PDF go?');
else if (!existsSync(dirname(out))) problems.push(`--out: the directory ${dirname(out)} does not exist`);
else if (existsSync(out) && statSync(out).isDirectory()) problems.push(`--out: ${out} is a directory, not a file`);

const config = configOrExit();
const db = openDatabase(config.databaseUrl);
await migrateToLatest(db);
const selection = await selectStickers(db, { format: values.format, district: values.district, codes: values.codes }, formats);
await db.destroy();
const t = translator('en');
if (!selection.ok) problems.push(...selection.problems.map((p) => t(p.key, p.params)));
if (problems.length || !selection.ok || !out) fail(problems);

try {
  const { stickers, pages } = await writeStickerPdf(out, selection.bins, selection.format, config.publicBaseUrl);
  console.log(`Wrote ${stickers} sticker${stickers === 1 ? '' : 's'} on ${pages} page${pages === 1 ? '' : 's'} (${selection.format.name}) to ${out}.`);
} catch (err) {
  if (err instanceof QrUrlError || err instanceof FormatError) fail([err.message]);
  throw err;
}
