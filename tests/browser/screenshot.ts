// Looks at pages as a person would: `npx tsx tests/browser/screenshot.ts OUT_DIR [PATH ...]` serves the
// app on demo data and saves each path at phone width (375 px) and desktop width (1280 px).
// `--staff ROLE` (admin, dispatcher, staff, crew) first logs in as a new account of that role (staff and
// crew: member of Tiefbau and Grünamt), for looking at the back office.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, launchBrowser } from './chromium.ts';
import { startTestServer } from './server.ts';
import type { StaffRole } from '../../db/schema.ts';
import { addStaff, sessionFor } from '../staff-helpers.ts';

const args = process.argv.slice(2);
const staffFlag = args.indexOf('--staff');
const role = staffFlag >= 0 ? (args.splice(staffFlag, 2)[1] as StaffRole) : null;
const [outDir = 'tests/.artifacts', ...paths] = args;
ensureChromium();
mkdirSync(outDir, { recursive: true });
const server = await startTestServer();
const browser = await launchBrowser();
let cookie: { name: string; value: string } | null = null;
if (role) {
  const departments = role === 'staff' || role === 'crew' ? ['tiefbau', 'gruen'] : [];
  const staff = await addStaff(server.ctx, { role, departments, login: `ansicht-${role}`, name: `Ansicht ${role}` });
  const [name, value] = (await sessionFor(server.ctx, staff.id)).cookie.split('=') as [string, string];
  cookie = { name, value };
}
try {
  for (const path of paths.length ? paths : ['/']) {
    for (const width of [375, 1280]) {
      const context = await browser.newContext({ locale: 'de-DE', viewport: { width, height: width === 375 ? 812 : 900 } });
      if (cookie) await context.addCookies([{ ...cookie, url: server.url }]);
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
