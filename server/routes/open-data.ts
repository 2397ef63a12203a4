// Open data for portals and other systems: no personal data, ever.
import { Hono } from 'hono';
import { listBinsWithDistrict, type BinWithDistrict } from '../../db/bins.ts';
import type { AppContext, AppEnv } from '../context.ts';

/** Only what says where a bin is and what it is: no department, schedule, flags or history. */
export function binFeature(bin: BinWithDistrict) {
  return {
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [bin.lon, bin.lat] },
    properties: { code: bin.code, description: bin.description, district: bin.district_name, type: bin.bin_type, volume_l: bin.volume_l },
  };
}

export function openDataRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  app.get('/open-data/bins.geojson', async (c) => {
    const bins = await listBinsWithDistrict(ctx.db, { includeRetired: false });
    // A few minutes are fresh enough for a register that changes by import, and spare the database
    // when a portal polls.
    c.header('Cache-Control', 'public, max-age=300');
    // Portals fetch and embed this from their own origin.
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Content-Type', 'application/geo+json; charset=utf-8');
    return c.body(JSON.stringify({ type: 'FeatureCollection', features: bins.map(binFeature) }));
  });

  return app;
}
