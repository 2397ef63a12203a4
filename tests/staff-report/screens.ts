// Looks at the staff report page as a person would, in its states: `npx tsx tests/staff-report/screens.ts OUT_DIR`
// saves each state at 375 px and 1280 px. Not a test: for people to look at the PNGs.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { changeReportState } from '../../db/reports.ts';
import { createReport } from '../helpers.ts';
import { addStaff, sessionFor } from '../staff-helpers.ts';
import { launchBrowser } from '../browser/chromium.ts';
import { startTestServer } from '../browser/server.ts';

const [outDir = 'tests/.artifacts/staff-report'] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const server = await startTestServer();
const browser = await launchBrowser();
try {
  const staff = await addStaff(server.ctx, { role: 'dispatcher', login: 'dora', name: 'Dora Disponentin' });
  const { cookie } = await sessionFor(server.ctx, staff.id);
  const [name, value] = cookie.split('=') as [string, string];
  const report = await createReport(server.ctx, { description: 'Tiefes Schlagloch vor Hausnummer 12, Radfahrer weichen auf den Gehweg aus.' });
  const closed = await createReport(server.ctx, { description: 'Laterne aus' });
  await changeReportState(server.ctx.db, closed.id, { to: 'done', actor: `staff:${staff.id}`, now: server.ctx.clock.now().toISOString(), answer: 'Repariert.' });
  const shots: Array<[string, string, ((page: import('playwright-core').Page) => Promise<void>)?]> = [
    ['new', `/intern/meldungen/${report.id}`],
    ['flash', `/intern/meldungen/${report.id}?erledigt=antwort&mails=2`],
    [
      'error',
      `/intern/meldungen/${report.id}`,
      async (page) => {
        await page.fill('#duplicate-of', '999999');
        await Promise.all([page.waitForNavigation(), page.click('#form-duplicate button[type=submit]')]);
      },
    ],
    ['closed', `/intern/meldungen/${closed.id}`],
  ];
  for (const [label, path, act] of shots) {
    for (const width of [375, 1280]) {
      const context = await browser.newContext({ locale: 'de-DE', viewport: { width, height: 900 } });
      await context.addCookies([{ name, value, url: server.url }]);
      const page = await context.newPage();
      await page.goto(server.url + path);
      if (act) await act(page);
      const file = join(outDir, `${label}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
