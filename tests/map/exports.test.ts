// GET /open-data/reports.geojson and /open-data/reports.csv: headers, fields, and CSV that Excel and
// RFC 4180 readers both take.
import { describe, expect, it } from 'vitest';
import { csvField, csvRecord } from '../../server/views/public-export.ts';
import { createTestApp } from '../helpers.ts';
import { addReport, type Collection } from './fixtures.ts';

const HEADER = 'id,category,category_name,state,status,district,lat,lon,created_at,closed_at,description';

/** A small RFC 4180 reader, to check that what we write reads back as the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  if (field || row.length) throw new Error('last record not terminated by CRLF');
  return rows;
}

describe('GET /open-data/reports.csv', () => {
  it('is UTF-8 with a BOM, a header row and one CRLF record per published report, for any origin', async () => {
    const { app, ctx } = await createTestApp();
    const res = await app.request('/open-data/reports.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="stadtmelder-meldungen.csv"');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]!.join(',')).toBe(HEADER);
    expect(rows).toHaveLength(13);
    const report = await ctx.db.selectFrom('reports').selectAll().where('id', '=', 12).executeTakeFirstOrThrow();
    expect(rows[12]).toEqual([
      '12',
      'gully',
      'Gully / Kanaldeckel',
      'rejected',
      'closed',
      'Laubenheim',
      String(report.lat),
      String(report.lon),
      report.created_at,
      report.closed_at,
      'Der Straßenablauf ist verstopft, nach Regen steht Wasser.',
    ]);
    expect(rows[1]!.slice(0, 5)).toEqual(['1', 'strassenschaden', 'Straßenschaden / Schlagloch', 'acknowledged', 'open']);
    expect(rows[1]![9]).toBe(''); // not closed
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', async () => {
    const { app, ctx } = await createTestApp();
    const tricky = 'Er sagte: "Loch, tief"\r\nzweite Zeile\ndritte';
    const a = await addReport(ctx, { district: 'Drais', description: tricky, published: true });
    const b = await addReport(ctx, { district: 'Drais', description: '=HYPERLINK("http://evil.example","klick")', published: true });
    const c = await addReport(ctx, { district: 'Drais', description: 'nicht veröffentlicht', published: false });
    const text = await (await app.request('/open-data/reports.csv?lang=en')).text();
    expect(text).toContain(`,"Er sagte: ""Loch, tief""\r\nzweite Zeile\ndritte"\r\n`);
    const rows = parseCsv(text.slice(1));
    const byId = new Map(rows.map((r) => [r[0], r]));
    expect(byId.get(String(a))![10]).toBe(tricky);
    expect(byId.get(String(b))![10]).toBe(`'=HYPERLINK("http://evil.example","klick")`);
    expect(byId.get(String(c))![10]).toBe('');
    expect(byId.get(String(c))![2]).toBe('Road damage / pothole');
    expect(rows.every((r) => r.length === 11)).toBe(true);
  });

  it('csvField follows RFC 4180', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(8.25)).toBe('8.25');
    expect(csvField(-3)).toBe('-3');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('-1 Grad')).toBe("'-1 Grad");
    expect(csvField('@home, ok')).toBe(`"'@home, ok"`);
    expect(csvRecord(['x', null, 1])).toBe('x,,1\r\n');
  });
});

describe('GET /open-data/reports.geojson', () => {
  it('is a FeatureCollection of every published report, with open311 status and no personal data', async () => {
    const { app, ctx } = await createTestApp();
    const old = await addReport(ctx, { district: 'Drais', state: 'no_action', createdDaysAgo: 500, closedDaysAgo: 400, description: 'privat', published: false });
    const res = await app.request('/open-data/reports.geojson');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const body = (await res.json()) as Collection;
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f) => f.properties.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, old]);
    const report = await ctx.db.selectFrom('reports').selectAll().where('id', '=', old).executeTakeFirstOrThrow();
    expect(body.features.at(-1)).toEqual({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [report.lon, report.lat] },
      properties: {
        id: old,
        category: 'strassenschaden',
        category_name: 'Straßenschaden / Schlagloch',
        state: 'no_action',
        status: 'closed',
        district: 'Drais',
        created_at: report.created_at,
        closed_at: report.closed_at,
        description: null,
      },
    });
  });

  it('streams more reports than one chunk, each once and in order', async () => {
    const { app, ctx } = await createTestApp();
    const base = await ctx.db.selectFrom('reports').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    const { id: _id, ...rest } = base;
    const rows = Array.from({ length: 2500 }, (_, i) => ({ ...rest, hidden: i % 10 === 0 ? 1 : 0 }));
    for (let i = 0; i < rows.length; i += 500) await ctx.db.insertInto('reports').values(rows.slice(i, i + 500)).execute();
    const ids = ((await (await app.request('/open-data/reports.geojson')).json()) as Collection).features.map((f) => f.properties.id as number);
    expect(ids).toHaveLength(12 + 2250);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);
    const csv = await (await app.request('/open-data/reports.csv')).text();
    expect(csv.split('\r\n').length).toBe(1 + 12 + 2250 + 1); // header, records, the empty rest after the last CRLF
  });
});
