// GET /open-data/bins.geojson through the app, on the seeded in-memory database.
import { describe, expect, it } from 'vitest';
import { importBins } from '../../db/bin-import.ts';
import { retireBin } from '../../db/bins.ts';
import { readBinFile } from '../../domain/bin-import.ts';
import { createTestApp } from '../helpers.ts';
import { REGISTER_CSV } from './fixtures.ts';

interface BinFeature {
  type: string;
  geometry: { type: string; coordinates: [number, number] };
  properties: Record<string, unknown>;
}

describe('GET /open-data/bins.geojson', () => {
  it('lists exactly the active bins as Points with public properties, for any origin', async () => {
    const { app, ctx } = await createTestApp();
    await importBins(ctx.db, readBinFile(REGISTER_CSV).candidates, { now: ctx.clock.now().toISOString(), skipBad: false });
    const retired = await ctx.db.selectFrom('bins').select('code').orderBy('id').limit(2).execute();
    for (const { code } of retired) await retireBin(ctx.db, code, ctx.clock.now().toISOString());

    const res = await app.request('/open-data/bins.geojson');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
    const body = (await res.json()) as { type: string; features: BinFeature[] };
    expect(body.type).toBe('FeatureCollection');

    const active = await ctx.db
      .selectFrom('bins')
      .leftJoin('districts', 'districts.id', 'bins.district_id')
      .select(['bins.code', 'bins.lat', 'bins.lon', 'bins.description', 'bins.bin_type', 'bins.volume_l', 'districts.name'])
      .where('bins.active', '=', 1)
      .execute();
    expect(active).toHaveLength(301);
    const byCode = new Map(body.features.map((f) => [f.properties.code, f]));
    expect(body.features).toHaveLength(301);
    expect(byCode.size).toBe(301);
    for (const bin of active) {
      expect(byCode.get(bin.code)).toEqual({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [bin.lon, bin.lat] },
        properties: { code: bin.code, description: bin.description, district: bin.name, type: bin.bin_type, volume_l: bin.volume_l },
      });
    }
    for (const { code } of retired) expect(byCode.has(code)).toBe(false);
    expect(body.features.find((f) => f.properties.description === 'Markt, am Dom')?.properties).toMatchObject({ district: 'Altstadt', type: 'Papierkorb mit Hundekotbeutelspender', volume_l: 100 });
  });

  it('gives nothing away beyond the public properties', async () => {
    const { app } = await createTestApp();
    const text = await (await app.request('/open-data/bins.geojson')).text();
    for (const word of ['department', 'email', 'external_ref', 'flag', 'emptying', 'created_at', '@']) expect(text).not.toContain(word);
  });
});
