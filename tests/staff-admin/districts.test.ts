// Districts: the GeoJSON upload with the checks of `npm run import -- districts` (a good file, a
// file with problems that changes nothing, too large, missing), and switching districts on and off.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { densify, positionCount, type FeatureCollection } from '../../db/seed/tools/densify.ts';
import { MAX_POSITIONS_PER_FILE } from '../../domain/geojson.ts';
import { DISTRICT_FILE_MAX_BYTES } from '../../server/routes/admin/districts.tsx';
import { adminApp, flashOf, textOf } from './helpers.ts';

const DEMO = JSON.parse(readFileSync(new URL('../../db/seed/mainz-districts.geojson', import.meta.url), 'utf8')) as {
  type: string;
  features: Array<{ properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }>;
};

const fileOf = (data: unknown, name = 'bezirke.geojson') => new File([typeof data === 'string' ? data : JSON.stringify(data)], name, { type: 'application/geo+json' });

async function districtRows(ctx: Awaited<ReturnType<typeof adminApp>>['ctx']) {
  return ctx.db.selectFrom('districts').select(['id', 'name', 'active', 'approximate', 'geometry']).orderBy('id').execute();
}

describe('district import', () => {
  it('imports a good file: known names updated, new ones added, missing ones deactivated', async () => {
    const { admin, ctx } = await adminApp();
    // The demo file with one district renamed, and under another name property.
    const features = DEMO.features.map((f) => ({ ...f, properties: { ortsbezirk: f.properties['name'] === 'Drais' ? 'Mainz-Drais' : f.properties['name'] } }));
    const res = await admin.post('/intern/verwaltung/ortsbezirke/import', { file: fileOf({ type: 'FeatureCollection', features }), nameProperty: 'ortsbezirk' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/intern/verwaltung/ortsbezirke?n=1,14,1&ok=imported');
    const rows = await districtRows(ctx);
    expect(rows.find((r) => r.name === 'Drais')?.active).toBe(0);
    expect(rows.find((r) => r.name === 'Mainz-Drais')).toMatchObject({ active: 1, approximate: 0 });
    expect(rows.filter((r) => r.active === 1)).toHaveLength(15);
    const page = await textOf(await admin.request(res.headers.get('Location')!));
    expect(page).toContain('Die Ortsbezirke wurden importiert.');
    expect(page).toContain('Ergebnis: 1 neu, 14 aktualisiert, 1 deaktiviert.');
  });

  it('refuses a file with problems, names every problem, and changes nothing', async () => {
    const { admin, ctx } = await adminApp();
    const before = JSON.stringify(await districtRows(ctx));
    const features = [
      { type: 'Feature', properties: { name: 'Bowtie' }, geometry: { type: 'Polygon', coordinates: [[[8.2, 50], [8.3, 50.1], [8.3, 50], [8.2, 50.1], [8.2, 50]]] } },
      { type: 'Feature', properties: {}, geometry: DEMO.features[0]!.geometry },
      { type: 'Feature', properties: { name: 'Gauss-Krüger' }, geometry: { type: 'Polygon', coordinates: [[[3447000, 5540000], [3448000, 5540000], [3448000, 5541000], [3447000, 5540000]]] } },
      { type: 'Feature', properties: { name: 'Punkt' }, geometry: { type: 'Point', coordinates: [8.27, 50] } },
    ];
    const res = await admin.post('/intern/verwaltung/ortsbezirke/import', { file: fileOf({ type: 'FeatureCollection', features }), nameProperty: 'name' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Die Datei wurde nicht importiert, nichts wurde geändert. Gefundene Probleme (4');
    expect(html).toContain('feature 1 (&quot;Bowtie&quot;), outer ring: intersects itself');
    expect(html).toContain('feature 2: property &quot;name&quot; is missing or empty');
    expect(html).toContain('is not longitude/latitude in WGS 84 (EPSG:4326); reproject the file');
    expect(html).toContain('feature 4 (&quot;Punkt&quot;): geometry type Point is not supported');
    expect(html).toContain('id="file-error"');
    expect(JSON.stringify(await districtRows(ctx))).toBe(before);

    const notJson = await admin.post('/intern/verwaltung/ortsbezirke/import', { file: fileOf('{"type": "FeatureCollection", '), nameProperty: 'name' });
    expect(notJson.status).toBe(422);
    expect(await notJson.text()).toContain('not valid JSON');
    expect(JSON.stringify(await districtRows(ctx))).toBe(before);
  });

  it('refuses a missing file, an oversized file and a strange name property with 422', async () => {
    const { admin, ctx } = await adminApp();
    const before = JSON.stringify(await districtRows(ctx));
    const missing = await admin.post('/intern/verwaltung/ortsbezirke/import', { nameProperty: 'name' });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('Bitte wählen Sie eine GeoJSON-Datei aus.');
    const big = await admin.post('/intern/verwaltung/ortsbezirke/import', { file: fileOf(' '.repeat(DISTRICT_FILE_MAX_BYTES + 1)), nameProperty: 'name' });
    expect(big.status).toBe(422);
    expect(await big.text()).toContain('Die Datei ist zu groß (höchstens 5 MB).');
    // Far larger uploads are refused before anything reads the body into memory.
    const huge = await admin.post('/intern/verwaltung/ortsbezirke/import', { file: fileOf(' '.repeat(7 * 1024 * 1024)), nameProperty: 'name' });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('Die Datei ist zu groß (höchstens 5 MB).');
    const property = await admin.post('/intern/verwaltung/ortsbezirke/import', { file: fileOf(DEMO), nameProperty: 'name"><script>' });
    expect(property.status).toBe(422);
    const html = await property.text();
    expect(html).toContain('id="nameProperty-error"');
    expect(html).not.toContain('<script>');
    expect(JSON.stringify(await districtRows(ctx))).toBe(before);
  });
});

describe('the limit on positions per file', () => {
  it('refuses a file with more positions than the limit with 422, in German and English, before checking it', async () => {
    const { admin, ctx } = await adminApp();
    const before = JSON.stringify(await districtRows(ctx));
    // The demo districts cut into metre-long pieces, and one of them without a name: had the
    // geometry been checked, that would be a problem too.
    const heavy = densify(DEMO as FeatureCollection, MAX_POSITIONS_PER_FILE + 500);
    heavy.features[0]!.properties = {};
    const positions = positionCount(heavy);
    expect(positions).toBeGreaterThan(MAX_POSITIONS_PER_FILE);
    const file = fileOf(heavy);
    expect(file.size).toBeLessThan(DISTRICT_FILE_MAX_BYTES);

    const german = await admin.post('/intern/verwaltung/ortsbezirke/import', { file, nameProperty: 'name' });
    expect(german.status).toBe(422);
    const html = await german.text();
    const count = new Intl.NumberFormat('de-DE').format(positions);
    expect(html).toContain(`Die Datei hat ${count} Punkte; höchstens 100.000 sind möglich. Bitte vereinfachen Sie die Geometrie`);
    expect(html).toContain('id="file-error"');
    expect(html).not.toContain('is missing or empty');

    const english = await admin.post('/intern/verwaltung/ortsbezirke/import?lang=en', { file, nameProperty: 'name' });
    expect(english.status).toBe(422);
    expect(await english.text()).toContain(`The file has ${new Intl.NumberFormat('en-GB').format(positions)} positions; at most 100,000 are possible. Please simplify the geometry`);
    expect(JSON.stringify(await districtRows(ctx))).toBe(before);
  });

  it('states the limit next to the file field', async () => {
    const { admin } = await adminApp();
    expect(await textOf(await admin.request('/intern/verwaltung/ortsbezirke'))).toContain('Höchstens 5 MB und 100.000 Punkte.');
  });
});

describe('district list and activation', () => {
  it('marks approximate demo geometry and switches a district off and on, moving its bins', async () => {
    const { admin, ctx } = await adminApp();
    const text = await textOf(await admin.request('/intern/verwaltung/ortsbezirke'));
    expect(text).toContain('15 aktive Ortsbezirke');
    expect(text).toContain('Altstadt ungefähr (Demo)');
    const altstadt = await ctx.db.selectFrom('districts').select('id').where('name', '=', 'Altstadt').executeTakeFirstOrThrow();
    const binsIn = async () => (await ctx.db.selectFrom('bins').select('id').where('district_id', '=', altstadt.id).execute()).length;
    const bins = await binsIn();
    expect(bins).toBeGreaterThan(0);

    const off = await admin.post(`/intern/verwaltung/ortsbezirke/${altstadt.id}/aktiv`, { active: '0' });
    expect(off.status).toBe(303);
    expect(flashOf(off)).toBe('disabled');
    expect((await ctx.db.selectFrom('districts').select('active').where('id', '=', altstadt.id).executeTakeFirstOrThrow()).active).toBe(0);
    expect(await binsIn()).toBe(0);

    expect(flashOf(await admin.post(`/intern/verwaltung/ortsbezirke/${altstadt.id}/aktiv`, { active: '1' }))).toBe('enabled');
    expect(await binsIn()).toBe(bins);
    expect((await admin.post(`/intern/verwaltung/ortsbezirke/${altstadt.id}/aktiv`, { active: 'yes' })).status).toBe(422);
  });
});
