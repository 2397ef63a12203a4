// Speed budgets of issue 11 that are sizes, not times: deterministic, so they are tests. The figures
// themselves are printed by `npm run bench:pages` for bench/RESULTS.md.
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../server/i18n/index.ts';
import { createTestApp } from '../helpers.ts';
import { isMapAsset, pageWeight } from './wire-size.ts';

const FORM_BUDGET = 20 * 1024;

describe('the report form without the map: at most 20 KB compressed', () => {
  it('in every language: its page, styles, scripts, icon, manifest and service worker', async () => {
    const { app } = await createTestApp();
    for (const lang of LANGUAGES) {
      const { bodies, total, files, html } = await pageWeight(app, `/melden/strassenschaden?lang=${lang}`, { skip: isMapAsset, extra: ['/sw.js'] });
      // The form really is the one measured, with its own files and the map's left out.
      expect(html).toContain('name="beschreibung"');
      expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['/static/send-once.js', '/static/address-suggest.js', '/static/offline.js', '/sw.js']));
      expect(files.some((f) => isMapAsset(f.path))).toBe(false);
      // The issue's measure is the compressed files; with every header counted as well it stays close.
      expect(bodies, `${lang}: ${files.map((f) => `${f.path} ${f.body}`).join(', ')}`).toBeLessThanOrEqual(FORM_BUDGET);
      expect(total).toBeLessThanOrEqual(FORM_BUDGET + 6 * 1024);
    }
  });

  it('names the map files it leaves out, so that the budget cannot hide a page without them', async () => {
    const { app } = await createTestApp();
    const { html } = await pageWeight(app, '/melden/strassenschaden', { skip: () => true });
    expect(html).toContain('/static/leaflet/leaflet.js');
    expect(html).toContain('/static/map.js');
  });
});
