// The selection as data: /intern/meldungen.csv for German Excel and /intern/meldungen.geojson for the map.
import { beforeEach, describe, expect, it } from 'vitest';
import { csvCell } from '../../server/views/spreadsheet-csv.ts';
import { QUEUE_CSV_LIMIT, QUEUE_MAP_LIMIT } from '../../server/routes/staff-queue.tsx';
import { createTestApp, FIXED_NOW } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { DAY, HOUR, insertManyReports, insertReport, removeDemoReports } from './fixtures.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
let t: TestApp;
let admin: Awaited<ReturnType<typeof asStaff>>;

beforeEach(async () => {
  t = await createTestApp();
  await removeDemoReports(t.ctx);
  admin = await asStaff(t.app, t.ctx, { role: 'admin' });
});

/** Splits the file into rows of cells, honouring quotes (a minimal reader for the test). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
    ['+49 6131 123', "'+49 6131 123"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['a;b', '"a;b"'],
    ['Zeile 1\nZeile 2', '"Zeile 1\nZeile 2"'],
    ['Straße „Am Rhein“', 'Straße „Am Rhein“'],
    ['', ''],
  ])('%j → %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });
  it('writes numbers as they are and null as an empty cell', () => {
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });
});

describe('GET /intern/meldungen.csv', () => {
  it('is UTF-8 with BOM, ; separated, CRLF, an attachment, with the selection in order and no e-mail addresses', async () => {
    const late = await insertReport(t.ctx, { category: 'gully', dueIn: -2 * DAY, address: '=cmd|"/c calc"!A1', description: 'Deckel klappert; "laut"\nseit Tagen', priority: 1, support: 3, source: 'qr' });
    const soon = await insertReport(t.ctx, { category: 'strassenschaden', dueIn: 5 * HOUR, district: 'Mombach' });
    await insertReport(t.ctx, { category: 'ampel' });
    await t.ctx.db.insertInto('subscriptions').values({ report_id: late, email: 'buerger@example.org', token_hash: 'x'.repeat(64), created_at: FIXED_NOW.toISOString(), confirmed_at: FIXED_NOW.toISOString() }).execute();
    const res = await admin.request('/intern/meldungen.csv?fachamt=tiefbau');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="meldungen-2026-11-21.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    expect(text).not.toContain('buerger@example.org');
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['Nummer', 'Kategorie', 'Fachamt', 'Ortsbezirk', 'Adresse', 'Breite', 'Länge', 'Status', 'Priorität', 'Zugewiesen', 'Eingang', 'Eingegangen', 'Fällig', 'Überfällig', 'Unterstützungen', 'Beschreibung']);
    expect(rows.map((r) => r[0])).toEqual(['Nummer', String(late), String(soon)]);
    const first = rows[1]!;
    expect(first[1]).toBe('Gully / Kanaldeckel');
    expect(first[2]).toBe('Tiefbauamt');
    expect(first[3]).toBe('Altstadt');
    // The formula is defused; the quotes and the line break survive inside one cell.
    expect(first[4]).toBe(`'=cmd|"/c calc"!A1`);
    expect(first[5]).toMatch(/^49,\d{6}$/);
    expect(first[7]).toBe('Neu');
    expect(first[8]).toBe('hoch');
    expect(first[10]).toBe('QR-Code am Papierkorb');
    expect(first[11]).toBe('2026-11-21 10:00');
    expect(first[12]).toBe('2026-11-19 11:00');
    expect(first[13]).toBe('ja');
    expect(first[14]).toBe('3');
    expect(first[15]).toBe('Deckel klappert; "laut"\nseit Tagen');
    expect(rows[2]![13]).toBe('nein');
    expect(rows[2]![3]).toBe('Mombach');
  });

  it('speaks English with ?lang=en', async () => {
    await insertReport(t.ctx);
    const res = await admin.request('/intern/meldungen.csv?lang=en');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="reports-2026-11-21.csv"');
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
    expect(rows[0]![0]).toBe('Number');
    expect(rows[1]![1]).toBe('Road damage / pothole');
    expect(rows[1]![5]).toMatch(/^49\.\d{6}$/);
  });

  it('refuses an invalid selection with 422 and a selection above the limit with 422', async () => {
    const bad = await admin.request('/intern/meldungen.csv?quelle=fax');
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Diesen Eingang gibt es nicht: „fax“.');
    await insertManyReports(t.ctx, QUEUE_CSV_LIMIT + 1);
    const tooMany = await admin.request('/intern/meldungen.csv');
    expect(tooMany.status).toBe(422);
    expect(await tooMany.text()).toContain(`Die Auswahl hat mehr als ${QUEUE_CSV_LIMIT} Meldungen, so viele enthält eine CSV-Datei höchstens.`);
    // Narrowed below the limit, the file comes.
    const narrowed = await admin.request('/intern/meldungen.csv?ueberfaellig=1');
    expect(narrowed.status).toBe(200);
  });

  it('staff get their departments only', async () => {
    const road = await insertReport(t.ctx, { category: 'strassenschaden' });
    await insertReport(t.ctx, { category: 'strassenbeleuchtung' });
    const staff = await asStaff(t.app, t.ctx, { role: 'staff', departments: ['tiefbau'] });
    const rows = parseCsv((await (await staff.request('/intern/meldungen.csv')).text()).replace(/^\uFEFF/, ''));
    expect(rows.slice(1).map((r) => r[0])).toEqual([String(road)]);
  });
});

describe('GET /intern/meldungen.geojson', () => {
  it('answers the selection as features with what the map shows', async () => {
    const late = await insertReport(t.ctx, { category: 'gully', dueIn: -HOUR, priority: 2 });
    await insertReport(t.ctx, { category: 'ampel', state: 'done' });
    const res = await admin.request('/intern/meldungen.geojson?kategorie=gully');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/geo+json; charset=utf-8');
    const body = (await res.json()) as { type: string; limit: number; truncated: boolean; features: Array<{ geometry: { coordinates: number[] }; properties: Record<string, unknown> }> };
    expect(body.type).toBe('FeatureCollection');
    expect(body.limit).toBe(QUEUE_MAP_LIMIT);
    expect(body.truncated).toBe(false);
    expect(body.features).toHaveLength(1);
    const f = body.features[0]!;
    expect(f.geometry.coordinates).toHaveLength(2);
    expect(f.properties).toMatchObject({ id: late, category: 'Gully / Kanaldeckel', state: 'new', stateLabel: 'Neu', status: 'open', overdue: true, priority: 2 });
    const closed = (await (await admin.request('/intern/meldungen.geojson?status=done&lang=en')).json()) as typeof body;
    expect(closed.features.map((x) => x.properties.stateLabel)).toEqual(['Done']);
    expect(closed.features.map((x) => x.properties.status)).toEqual(['closed']);
  });

  it('narrows to the bbox the map asks for; a bad bbox or filter is a 422 in JSON', async () => {
    const inAltstadt = await insertReport(t.ctx, { district: 'Altstadt' });
    await insertReport(t.ctx, { district: 'Finthen' });
    const row = await t.ctx.db.selectFrom('reports').select(['lat', 'lon']).where('id', '=', inAltstadt).executeTakeFirstOrThrow();
    const box = [row.lon - 0.001, row.lat - 0.001, row.lon + 0.001, row.lat + 0.001].join(',');
    const body = (await (await admin.request(`/intern/meldungen.geojson?bbox=${box}`)).json()) as { features: Array<{ properties: { id: number } }> };
    expect(body.features.map((f) => f.properties.id)).toEqual([inAltstadt]);
    const badBox = await admin.request('/intern/meldungen.geojson?bbox=1,2,3');
    expect(badBox.status).toBe(422);
    expect(await badBox.json()).toEqual({ error: { status: 422, message: 'Der Kartenausschnitt (bbox) ist ungültig.' } });
    const badFilter = await admin.request('/intern/meldungen.geojson?sortierung=zufall');
    expect(badFilter.status).toBe(422);
    expect(await badFilter.json()).toEqual({ error: { status: 422, message: 'Diese Sortierung gibt es nicht: „zufall“.' } });
  });

  it('is cut at the limit and says so, keeping the most urgent', async () => {
    await insertManyReports(t.ctx, QUEUE_MAP_LIMIT + 5);
    const body = (await (await admin.request('/intern/meldungen.geojson')).json()) as { truncated: boolean; features: Array<{ properties: { dueAt: string } }> };
    expect(body.truncated).toBe(true);
    expect(body.features).toHaveLength(QUEUE_MAP_LIMIT);
    const due = body.features.map((f) => f.properties.dueAt);
    expect([...due].sort()).toEqual(due);
  });
});
