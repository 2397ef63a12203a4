// The service worker of the offline drafts (decision 035) and what the report pages give it to work with.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers.ts';

const SW_SOURCE = readFileSync(new URL('../../web/sw.js', import.meta.url), 'utf8');

describe('/sw.js', () => {
  it('is served from the root as JavaScript that browsers ask for again on every visit', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/sw.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    // Its scope /melden lies below its own path: no Service-Worker-Allowed needed, and none widens it.
    expect(res.headers.get('service-worker-allowed')).toBeNull();
    // The worker runs under the same strict policy as the pages: only our own origin.
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await res.text()).toBe(SW_SOURCE);
  });

  it('keeps only files that exist: every path it fetches at install answers 200', async () => {
    const { app } = await createTestApp();
    const assets = [...SW_SOURCE.match(/const ASSETS = \[([^\]]*)\]/)![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
    const imported = [...SW_SOURCE.matchAll(/importScripts\('([^']+)'\)/g)].map((m) => m[1]!);
    expect(assets).toContain('/melden');
    expect(imported).toEqual(['/static/drafts-db.js']);
    for (const path of [...assets, ...imported]) {
      const res = await app.request(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
    expect((await app.request('/static/offline.js')).headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
  });
});

describe('the drafts section on /melden and the forms', () => {
  it('comes hidden, with its texts in the page language, and the scripts that fill it', async () => {
    const { app } = await createTestApp();
    for (const [path, waiting, sent] of [
      ['/melden/graffiti', 'wartet auf Verbindung', 'gesendet: Nr. {id}'],
      ['/melden/graffiti?lang=en', 'waiting for a connection', 'sent: no. {id}'],
      ['/melden', 'wartet auf Verbindung', 'gesendet: Nr. {id}'],
    ] as const) {
      const html = await (await app.request(path)).text();
      expect(html).toMatch(/<section id="entwuerfe" class="drafts" aria-labelledby="entwuerfe-titel" hidden/);
      expect(html).toContain(`data-text-waiting="${waiting}"`);
      expect(html).toContain(`data-text-sent="${sent}"`);
      expect(html).toContain('<script defer="" src="/static/drafts-db.js"></script><script defer="" src="/static/offline.js"></script>');
    }
    // A form names its category, so that a draft kept from it can be titled.
    expect(await (await app.request('/melden/graffiti')).text()).toContain('data-category="graffiti" data-category-name="Graffiti / Wildplakatierung"');
  });
});
