// Open data for portals and other systems: no personal data, ever.
import { Hono, type Context } from 'hono';
import { listBinsWithDistrict, type BinWithDistrict } from '../../db/bins.ts';
import { listOpenDataReportsAfter } from '../../db/public-open-data.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { CSV_COLUMNS, csvRecord, exportStream, reportCsvRecord, reportFeature } from '../views/public-export.ts';

/** Reports per database round trip of an export. */
const EXPORT_CHUNK = 1000;

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

  // Every report that is not hidden, of any age: id, category, state, place, times, and the text only
  // where staff published it. Never an address, e-mail, photo or internal note.
  const openDataHeaders = (c: Context<AppEnv>, contentType: string) => {
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Content-Type', contentType);
  };
  const loadChunk = (afterId: number) => listOpenDataReportsAfter(ctx.db, afterId, EXPORT_CHUNK);

  app.get('/open-data/reports.geojson', (c) => {
    const lang = c.get('lang');
    openDataHeaders(c, 'application/geo+json; charset=utf-8');
    return c.body(
      exportStream(loadChunk, {
        head: '{"type":"FeatureCollection","features":[',
        item: (report, index) => (index ? ',' : '') + JSON.stringify(reportFeature(report, lang)),
        tail: ']}',
      }),
    );
  });

  app.get('/open-data/reports.csv', (c) => {
    const lang = c.get('lang');
    openDataHeaders(c, 'text/csv; charset=utf-8; header=present');
    c.header('Content-Disposition', 'attachment; filename="stadtmelder-meldungen.csv"');
    return c.body(
      // The byte order mark makes Excel read the file as UTF-8 (umlauts) instead of Windows-1252.
      exportStream(loadChunk, { head: '\uFEFF' + csvRecord([...CSV_COLUMNS]), item: (report) => reportCsvRecord(report, lang), tail: '' }),
    );
  });

  return app;
}
