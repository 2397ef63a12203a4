// `npm run bench:pages`: what the citizen's first visit costs on the wire, in every language. The scan
// page (budget 14,000 bytes with headers: one round trip on a phone's first TCP window) and the report
// form with its own styles and scripts but without the map's (budget 20 KB compressed). The
// same measure is asserted in tests/request/scan.test.ts and page-weight.test.ts; this prints it.
import { LANGUAGES } from '../server/i18n/index.ts';
import { createApp } from '../server/app.ts';
import { demoBin } from '../tests/request/scan-helpers.ts';
import { createTestContext } from '../tests/helpers.ts';
import { isMapAsset, pageWeight } from '../tests/request/wire-size.ts';
import { figure } from './figures.ts';

const ctx = await createTestContext();
const app = createApp(ctx);
const bin = await demoBin(ctx.db);

let scanMax = 0;
let formMax = 0;
let formWithHeadersMax = 0;
for (const lang of LANGUAGES) {
  const scan = await pageWeight(app, `/B/${bin.code}?lang=${lang}`);
  const form = await pageWeight(app, `/melden/strassenschaden?lang=${lang}`, { skip: isMapAsset, extra: ['/sw.js'] });
  scanMax = Math.max(scanMax, scan.total);
  formMax = Math.max(formMax, form.bodies);
  formWithHeadersMax = Math.max(formWithHeadersMax, form.total);
  console.log(`${lang}: scan page ${scan.total} bytes with headers (${scan.files.length} files); form ${form.bodies} bytes compressed (${form.total} with headers) in ${form.files.length} files: ${form.files.map((f) => `${f.path.replace(/\?.*/, '')} ${f.body}`).join(', ')}`);
}
figure({ name: 'pages: scan page, compressed with headers, largest language', value: scanMax, unit: 'bytes', target: 14_000, better: 'lower' });
figure({ name: 'pages: report form without the map, compressed, largest language', value: formMax, unit: 'bytes', target: 20 * 1024, better: 'lower' });
console.log(`report form with every header counted as well: ${formWithHeadersMax} bytes at most`);
await ctx.db.destroy();
