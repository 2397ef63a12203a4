import { ensureChromium } from './browser/chromium.ts';

export default function setup(): void {
  ensureChromium();
}
