// How fast is a sticker sheet for a whole city, how big is the file, how much memory does it take?
// Prints figures next to the targets of issue 3, asserts nothing: `npm run bench:stickers [-- FORMAT]`.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { seededRandom } from '../db/seed/mainz.ts';
import { codeFromNumber } from '../qr/codes.ts';
import { findFormat, labelsPerPage } from '../qr/formats.ts';
import { writeStickerPdf } from '../qr/sheet.ts';
import { binQrUrl, encodeQr } from '../qr/symbol.ts';
import { figure } from './figures.ts';

const COUNT = 10_000;
const BASE_URL = 'https://maengelmelder.mainz.de'; // 30 characters, the longest the QR contract covers
const formatId = process.argv[2] ?? 'L4773';
const format = findFormat(formatId);
if (!format) throw new Error(`no sticker format ${formatId}`);

const random = seededRandom(3);
const codes = new Set<string>();
while (codes.size < COUNT) codes.add(codeFromNumber(Math.floor(random() * 2 ** 25)));
const bins = [...codes].map((code, i) => ({ code, description: `Musterstraße ${1 + (i % 120)}, vor dem Haus`, district: 'Altstadt' }));

// Peak memory: sampled while pages are written (the renderer yields after each page), and the
// kernel's own high-water mark for the process as a cross-check.
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
const dir = mkdtempSync(join(tmpdir(), 'stadtmelder-bench-'));
const file = join(dir, 'stickers.pdf');
const started = performance.now();
const { stickers, pages } = await writeStickerPdf(file, bins, format, BASE_URL);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const bytes = statSync(file).size;
rmSync(dir, { recursive: true, force: true });
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
console.log(
  `${stickers} stickers, format ${format.id} (${labelsPerPage(format)} per page): ${pages} pages in ${seconds.toFixed(2)} s (target < 5 s), ` +
    `${mb(bytes)} MB (target < 5 MB), peak RSS ${mb(peakRss)} MB sampled / ${mb(process.resourceUsage().maxRSS * 1024)} MB max (target < 300 MB)`,
);
const mib = (n: number) => n / 1024 / 1024;
figure({ name: `stickers: ${COUNT} stickers ${format.id}, time`, value: seconds, unit: 's', target: 5, better: 'lower' });
figure({ name: `stickers: ${COUNT} stickers ${format.id}, PDF size`, value: mib(bytes), unit: 'MB', target: 5, better: 'lower' });
// The kernel's high-water mark: it also sees peaks between two samples.
figure({ name: `stickers: ${COUNT} stickers ${format.id}, peak RSS`, value: mib(Math.max(peakRss, process.resourceUsage().maxRSS * 1024)), unit: 'MB', target: 300, better: 'lower' });

// Where the time goes: encoding the symbols alone, ours against qrcode's own mask search.
const urls = [...codes].map((c) => binQrUrl(BASE_URL, c));
let t0 = performance.now();
for (const url of urls) encodeQr(url);
const ours = ((performance.now() - t0) * 1000) / urls.length;
const sample = urls.slice(0, 2000);
t0 = performance.now();
for (const url of sample) QRCode.create([{ data: url, mode: 'alphanumeric' }], { errorCorrectionLevel: 'Q' });
const theirs = ((performance.now() - t0) * 1000) / sample.length;
console.log(`encodeQr: ${ours.toFixed(0)} µs per symbol; qrcode choosing the mask itself: ${theirs.toFixed(0)} µs (${(theirs / ours).toFixed(1)}x)`);
