import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, ensureChromium } from '../browser/chromium.ts';

describe('browser test setup', () => {
  it('fails with one line saying how to install Chromium when it is missing and cannot be installed', () => {
    expect(() => ensureChromium('/nonexistent/chromium', false)).toThrow(
      /^Chromium is missing: install it with `sudo apt-get install -y chromium` \(Debian\) or set CHROMIUM_PATH\.$/,
    );
  });
  it('accepts an installed Chromium', () => {
    expect(() => ensureChromium(CHROMIUM_PATH, false)).not.toThrow();
  });
});
