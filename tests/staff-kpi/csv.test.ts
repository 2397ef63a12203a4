// The CSV export as a spreadsheet program receives it: headers, BOM, separator, quoting, formula guard.
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { asStaff } from '../staff-helpers.ts';
import { csvText, parseKpiCsv } from './csv-parse.ts';
import { createKpiApp } from './data.ts';

let app: App;
let ctx: AppContext;

beforeAll(async () => {
  ({ app, ctx } = await createKpiApp());
});

describe('Kennzahlen CSV', () => {
  it('is a UTF-8 download with BOM, `;` and CRLF, one line per total, department, category and district', async () => {
    const admin = await asStaff(app, ctx, { role: 'admin' });
    const res = await admin.request('/intern/kennzahlen.csv?zeitraum=90');
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="kennzahlen-2026-11-21.csv"');
    const bytes = new Uint8Array(await res.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await csvText(res);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '"Ebene";"Name";"Offen";"Überfällig";"Neu (7 Tage)";"Neu im Zeitraum";"Abgeschlossen";"Median bis Bestätigung (Stunden)";"Median bis Abschluss (Stunden)";"In Zielzeit (%)"',
    );
    // 90 days: acknowledged 0.5 1 1 2 4 6 24 h (R11's was 99 days ago) -> 2 h; closed as over 365 days.
    expect(lines[1]).toBe('"Gesamt";"Zeitraum 23.08.2026 bis 21.11.2026";5;2;5;10;6;2,0;51,0;50,0');
    expect(lines.at(-1)).toBe('');
    const rows = parseKpiCsv(text);
    // 1 total + 7 departments + 4 categories with reports + 15 districts.
    expect(rows.length - 1).toBe(1 + 7 + 4 + 15);
    expect(rows.every((r) => r.length === 10)).toBe(true);
  });

  it('defuses names that a spreadsheet would run as a formula, and quotes separators', async () => {
    await ctx.db.updateTable('departments').set({ name: '=HYPERLINK("http://böse.example";"Klick")' }).where('slug', '=', 'ordnung').execute();
    await ctx.db.updateTable('districts').set({ name: 'Alt;stadt "Mitte"' }).where('name', '=', 'Altstadt').execute();
    try {
      const admin = await asStaff(app, ctx, { role: 'admin', login: 'formula' });
      const text = await csvText(await admin.request('/intern/kennzahlen.csv'));
      expect(text).toContain('"Fachamt";"\'=HYPERLINK(""http://böse.example"";""Klick"")";0;0;');
      expect(text).toContain('"Ortsbezirk";"Alt;stadt ""Mitte""";3;1;4;7;4;2,0;51,0;50,0');
    } finally {
      await ctx.db.updateTable('districts').set({ name: 'Altstadt' }).where('name', '=', 'Alt;stadt "Mitte"').execute();
    }
  });
});
