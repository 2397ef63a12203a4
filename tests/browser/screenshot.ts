// Looks at pages as a person would: `npx tsx tests/browser/screenshot.ts OUT_DIR [PATH ...]` serves the
// app on demo data and saves each path at phone width (375 px) and desktop width (1280 px).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';

const [outDir = 'tests/.artifacts', ...paths] = process.argv.slice(2);
ensureChromium();
mkdirSync(outDir, { recursive: true });
const server = await startTestServer();
const browser = await launchBrowser();
try {
  for (const path of paths.length ? paths : ['/']) {
    for (const width of [375, 1280]) {
      const context = await browser.newContext({ locale: 'de-DE', viewport: { width, height: width === 375 ? 812 : 900 } });
      const page = await context.newPage();
      await page.goto(server.url + path);
      const file = join(outDir, `${path.replace(/[^a-z0-9]+/gi, '_') || 'root'}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
