// Debian's Chromium, driven by playwright-core. No tool may download a browser of its own here.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const HOW_TO_INSTALL = 'Chromium is missing: install it with `sudo apt-get install -y chromium` (Debian) or set CHROMIUM_PATH.';

const mayInstall = () => process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && !process.env.CHROMIUM_PATH;

/** Installs Debian's Chromium when we are root on Debian; otherwise fails with one line saying how. */
export function ensureChromium(path = CHROMIUM_PATH, canInstall = mayInstall()): void {
  if (existsSync(path)) return;
  if (!canInstall) throw new Error(HOW_TO_INSTALL);
  console.log('Chromium is missing; installing Debian\'s package (apt-get install -y chromium) ...');
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch {
    throw new Error(HOW_TO_INSTALL);
  }
  if (!existsSync(path)) throw new Error(HOW_TO_INSTALL);
}

/**
 * `backForwardCache`: keep the page in memory on leaving it, as Chrome does for people; Playwright turns
 * that off by default. Back then shows the page as it was (its form with the same hidden token),
 * where without it the browser loads the page again once its form was posted to the page's own URL.
 */
export function launchBrowser(options: { backForwardCache?: boolean } = {}): Promise<Browser> {
  const ignoreDefaultArgs = options.backForwardCache ? ['--disable-back-forward-cache'] : undefined;
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, ignoreDefaultArgs });
}
