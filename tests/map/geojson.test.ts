// GET /karte.geojson through the app: what the map draws, by box and filter, on the seeded database.
import { describe, expect, it } from 'vitest';
import { parseBbox } from '../../server/routes/map.tsx';
import { createTestApp, pointIn } from '../helpers.ts';
import { addReport, CITY_BBOX, type Collection } from './fixtures.ts';

async function collection(app: Awaited<ReturnType<typeof createTestApp>>['app'], query: string, headers: Record<string, string> = {}) {
  const res = await app.request(`/karte.geojson?${query}`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Collection;
}

describe('GET /karte.geojson', () => {
  it('returns the 12 demo reports as Points, newest first, with the public properties in the request language', async () => {
    const { app } = await createTestApp();
    const res = await app.request(`/karte.geojson?bbox=${CITY_BBOX}`);
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    const body = (await res.json()) as Collection;
    expect(body.type).toBe('FeatureCollection');
    expect(body.limit).toBe(5000);
    expect(body.truncated).toBe(false);
    expect(body.features).toHaveLength(12);
    const created = body.features.map((f) => f.properties.createdAt as string);
    expect(created).toEqual([...created].sort().reverse());
    const first = body.features[0]!;
    expect(first.geometry.type).toBe('Point');
    expect(Object.keys(first.properties).sort()).toEqual(['category', 'createdAt', 'id', 'state', 'stateLabel', 'status']);
    expect(first.properties).toMatchObject({ category: 'Straßenschaden / Schlagloch', state: 'acknowledged', stateLabel: 'Gesehen', status: 'open' });

    const en = await collection(app, `bbox=${CITY_BBOX}&lang=en`);
    expect(en.features[0]!.properties).toMatchObject({ category: 'Road damage / pothole', stateLabel: 'Seen' });
    const byHeader = await collection(app, `bbox=${CITY_BBOX}`, { 'Accept-Language': 'en-GB' });
    expect(byHeader.features[0]!.properties.category).toBe('Road damage / pothole');
  });

  it('keeps to the bounding box', async () => {
    const { app, ctx } = await createTestApp();
    const altstadt = await pointIn(ctx.db, 'Altstadt');
    const small = `${altstadt.lon - 0.001},${altstadt.lat - 0.001},${altstadt.lon + 0.001},${altstadt.lat + 0.001}`;
    const inside = await collection(app, `bbox=${small}`);
    // The demo's two Altstadt reports sit on the district's label point.
    expect(inside.features.map((f) => f.properties.category).sort()).toEqual(['Illegale Müllablagerung', 'Verschmutzte Straße oder Platz']);
    for (const f of inside.features) {
      const [lon, lat] = f.geometry.coordinates;
      expect(Math.abs(lon - altstadt.lon)).toBeLessThanOrEqual(0.001);
      expect(Math.abs(lat - altstadt.lat)).toBeLessThanOrEqual(0.001);
    }
    expect((await collection(app, 'bbox=0,0,1,1')).features).toEqual([]);
    // Without a box: everything public.
    expect((await collection(app, '')).features).toHaveLength(12);
  });

  it('filters by category, state group and district, together', async () => {
    const { app, ctx } = await createTestApp();
    const all = await collection(app, `bbox=${CITY_BBOX}`);
    const open = await collection(app, `bbox=${CITY_BBOX}&state=open`);
    const closed = await collection(app, `bbox=${CITY_BBOX}&state=closed`);
    expect(open.features.every((f) => f.properties.status === 'open')).toBe(true);
    expect(closed.features.map((f) => f.properties.state).sort()).toEqual(['done', 'done', 'done', 'rejected']);
    expect(open.features.length + closed.features.length).toBe(all.features.length);

    expect((await collection(app, `bbox=${CITY_BBOX}&district=Altstadt`)).features).toHaveLength(2);
    expect((await collection(app, `bbox=${CITY_BBOX}&category=graffiti`)).features.map((f) => f.properties.category)).toEqual(['Graffiti / Wildplakatierung']);

    await addReport(ctx, { category: 'graffiti', district: 'Altstadt', state: 'done' });
    await addReport(ctx, { category: 'graffiti', district: 'Altstadt' });
    await addReport(ctx, { category: 'graffiti', district: 'Mombach', state: 'done' });
    const combined = await collection(app, `bbox=${CITY_BBOX}&category=graffiti&district=Altstadt&state=closed`);
    expect(combined.features).toHaveLength(1);
    expect(combined.features[0]!.properties).toMatchObject({ state: 'done', stateLabel: 'Erledigt', status: 'closed' });
    // Empty values are what the form sends for "all".
    expect((await collection(app, `bbox=${CITY_BBOX}&category=&state=&district=`)).features).toHaveLength(15);
  });

  it('sends at most 5,000 features, the newest, and says that it cut', async () => {
    const { app, ctx } = await createTestApp();
    const categoryId = (await ctx.db.selectFrom('categories').select('id').where('slug', '=', 'graffiti').executeTakeFirstOrThrow()).id;
    const base = await ctx.db.selectFrom('reports').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const { id: _id, ...rest } = base;
      return { ...rest, category_id: categoryId, state: 'new', closed_at: null, created_at: new Date(Date.UTC(2026, 10, 21, 9) - i * 10_000).toISOString() };
    });
    for (let i = 0; i < rows.length; i += 500) await ctx.db.insertInto('reports').values(rows.slice(i, i + 500)).execute();
    const body = await collection(app, `bbox=${CITY_BBOX}`);
    expect(body.features).toHaveLength(5000);
    expect(body.truncated).toBe(true);
    // The 12 demo reports are older than all 5,000 new ones, so exactly they are left out.
    expect(body.features.some((f) => (f.properties.id as number) <= 12)).toBe(false);
    expect((await collection(app, `bbox=${CITY_BBOX}&category=graffiti`)).truncated).toBe(true);
    expect((await collection(app, `bbox=${CITY_BBOX}&category=ampel`)).truncated).toBe(false);
  });

  it.each([
    ['x'],
    ['8,49,9'],
    ['8,49,9,50,1'],
    ['8,50,9,49'], // south above north
    ['9,49,8,50'], // west east of east
    ['8,49,9,91'],
    ['-181,49,9,50'],
    ['8,49,9,abc'],
    ['8,,9,50'],
    ['1e1,49,9,50'],
    [''],
  ])('refuses the malformed bbox "%s" with 400 in the reader\'s language', async (bbox) => {
    const { app } = await createTestApp();
    const de = await app.request(`/karte.geojson?bbox=${encodeURIComponent(bbox)}`, { headers: { Accept: 'application/json' } });
    expect(de.status).toBe(400);
    expect(((await de.json()) as { error: { message: string } }).error.message).toMatch(/^Der Kartenausschnitt \(bbox\) muss aus vier Zahlen bestehen/);
    const en = await app.request(`/karte.geojson?bbox=${encodeURIComponent(bbox)}&lang=en`, { headers: { Accept: 'application/json' } });
    expect(en.status).toBe(400);
    expect(((await en.json()) as { error: { message: string } }).error.message).toMatch(/^The map section \(bbox\) must be four numbers/);
    // A person who opens the URL gets the same message as a page.
    const page = await app.request(`/karte.geojson?bbox=${encodeURIComponent(bbox)}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Der Kartenausschnitt (bbox) muss aus vier Zahlen bestehen');
  });

  it('refuses unknown filter values with 400 naming the filter', async () => {
    const { app } = await createTestApp();
    for (const [query, de, en] of [
      ['category=einhorn', 'Den Wert „einhorn“ gibt es für den Filter „Kategorie“ nicht.', 'The filter “Category” has no value “einhorn”.'],
      ['state=maybe', 'Den Wert „maybe“ gibt es für den Filter „Stand“ nicht.', 'The filter “Status” has no value “maybe”.'],
      ['district=Atlantis', 'Den Wert „Atlantis“ gibt es für den Filter „Ortsbezirk“ nicht.', 'The filter “District” has no value “Atlantis”.'],
    ]) {
      const res = await app.request(`/karte.geojson?bbox=${CITY_BBOX}&${query}`, { headers: { Accept: 'application/json' } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(de);
      const resEn = await app.request(`/karte.geojson?bbox=${CITY_BBOX}&${query}&lang=en`, { headers: { Accept: 'application/json' } });
      expect(((await resEn.json()) as { error: { message: string } }).error.message).toBe(en);
    }
  });
});

describe('parseBbox', () => {
  it('reads west, south, east, north', () => {
    expect(parseBbox('8.1,49.9,8.4,50.05')).toEqual({ minLon: 8.1, minLat: 49.9, maxLon: 8.4, maxLat: 50.05 });
    expect(parseBbox('-180,-90,180,90')).toEqual({ minLon: -180, minLat: -90, maxLon: 180, maxLat: 90 });
    expect(parseBbox(' 8 , 49 , 8 , 49 ')).toEqual({ minLon: 8, minLat: 49, maxLon: 8, maxLat: 49 });
  });
});
