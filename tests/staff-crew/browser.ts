// Shared by the crew and bin browser tests: logging in through the real form, screenshots on demand
// (STAFF_SCREENSHOTS=DIR), and the sizes of touch targets.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../staff-helpers.ts';

export async function logIn(page: Page, baseUrl: string, login: string, target = '/intern'): Promise<void> {
  await page.goto(`${baseUrl}/intern/anmelden?ziel=${encodeURIComponent(target)}`);
  await page.fill('#login', login);
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit].button')]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.STAFF_SCREENSHOTS;
  if (!dir) return;
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  // The first screen as a person sees it (a full-page picture puts sticky parts in odd places).
  await page.screenshot({ path: join(dir, `${name}-screen.png`) });
}

/** Elements matching `selector` whose box is less than 44 × 44 CSS pixels (WCAG 2.5.5 target size). */
export async function smallTargets(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) =>
    elements
      .map((e) => ({ e, box: e.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
      .map(({ e, box }) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(box.width)}x${Math.round(box.height)}`),
  );
}
