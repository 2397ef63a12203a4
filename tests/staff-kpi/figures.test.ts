// Every figure of the dashboard against the hand-computed values of the known data set (data.ts).
// Now is 2026-11-21 10:00 UTC; the default period is the 30 days since 2026-10-22 10:00 UTC.
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { asStaff } from '../staff-helpers.ts';
import { csvFigures, csvText, parseKpiCsv } from './csv-parse.ts';
import { createKpiApp, twoBins } from './data.ts';

let app: App;
let ctx: AppContext;
let admin: Awaited<ReturnType<typeof asStaff>>;

beforeAll(async () => {
  ({ app, ctx } = await createKpiApp());
  admin = await asStaff(app, ctx, { role: 'admin' });
});

async function csv(query = '') {
  const res = await admin.request(`/intern/kennzahlen.csv${query}`);
  expect(res.status).toBe(200);
  return parseKpiCsv(await csvText(res));
}

const COLS = ['Offen', 'Überfällig', 'Neu (7 Tage)', 'Neu im Zeitraum', 'Abgeschlossen', 'Median bis Bestätigung (Stunden)', 'Median bis Abschluss (Stunden)', 'In Zielzeit (%)'];
const pick = (row: Record<string, string>) => COLS.map((c) => row[c]);

describe('Kennzahlen figures, default period (30 days)', () => {
  it('whole city', async () => {
    const rows = await csv();
    // Open: R3 R4 R6 R7 R11. Overdue: R4 (due a day ago), R11; R7 is due exactly now, not yet overdue.
    // New in period: R1 R2 R3 R4 R6 R7 R8 R9 (8); in the last 7 days: R3 R4 R6 R7 R9 (5).
    // Acknowledged in period: 0.5, 1, 2, 6, 24 h -> median 2 h (R5, R10, R11 acknowledged before the period).
    // Closed in period: R8 6, R9 30, R1 72, R2 192, R5 840 h -> median 72 h; within target R1 R8 = 2 of 5 = 40 %.
    expect(pick(csvFigures(rows, 'Gesamt', '*'))).toEqual(['5', '2', '5', '8', '5', '2,0', '72,0', '40,0']);
  });

  it('per department, including an even count (mean of the two middle values)', async () => {
    const rows = await csv();
    // Tiefbau: open R3 R4 R6, overdue R4; ack 0.5 2 24 -> 2; closed 72 192 840 -> 192, within 1 of 3.
    expect(pick(csvFigures(rows, 'Fachamt', 'Tiefbauamt'))).toEqual(['3', '1', '3', '5', '3', '2,0', '192,0', '33,3']);
    // Entsorgung: open R7; ack 1 and 6 -> 3.5; closed 6 and 30 -> 18; within R8 only = 50 %.
    expect(pick(csvFigures(rows, 'Fachamt', 'Entsorgungsbetrieb'))).toEqual(['1', '0', '2', '3', '2', '3,5', '18,0', '50,0']);
    // Verkehr: one open, overdue report, nothing else in the period: no medians, no share.
    expect(pick(csvFigures(rows, 'Fachamt', 'Straßenverkehrsamt'))).toEqual(['1', '1', '0', '0', '0', '', '', '']);
    expect(pick(csvFigures(rows, 'Fachamt', 'Grün- und Umweltamt'))).toEqual(['0', '0', '0', '0', '0', '', '', '']);
  });

  it('per district and per category', async () => {
    const rows = await csv();
    // Altstadt: R1 R2 R3 R4 R7 R8 R9; closed 6 30 72 192 -> (30 + 72) / 2 = 51 h; within R1 R8 = 50 %.
    expect(pick(csvFigures(rows, 'Ortsbezirk', 'Altstadt'))).toEqual(['3', '1', '4', '7', '4', '2,0', '51,0', '50,0']);
    // Neustadt: R5 (closed after 35 days = 840 h, late) and R6 (open).
    expect(pick(csvFigures(rows, 'Ortsbezirk', 'Neustadt'))).toEqual(['1', '0', '1', '1', '1', '', '840,0', '0,0']);
    expect(pick(csvFigures(rows, 'Ortsbezirk', 'Mombach'))).toEqual(['1', '1', '0', '0', '0', '', '', '']);
    expect(pick(csvFigures(rows, 'Ortsbezirk', 'Finthen'))).toEqual(['0', '0', '0', '0', '0', '', '', '']);
    // Gully: R5 and R6. Categories without any report are left out.
    expect(pick(csvFigures(rows, 'Kategorie', 'Gully / Kanaldeckel'))).toEqual(['1', '0', '1', '1', '1', '', '840,0', '0,0']);
    expect(rows.filter((r) => r[0] === 'Kategorie').map((r) => r[1])).toEqual([
      'Straßenschaden / Schlagloch',
      'Gully / Kanaldeckel',
      'Ampel gestört',
      'Papierkorb voll / überfüllt',
    ]);
  });

  it('the dashboard shows the same figures in words, German style', async () => {
    const res = await admin.request('/intern/kennzahlen');
    expect(res.status).toBe(200);
    const html = await res.text();
    const card = (label: string) => new RegExp(`<dt>${label}</dt><dd class="kpi-value">([^<]*)</dd>`).exec(html)?.[1];
    expect(card('Offen jetzt')).toBe('5');
    expect(card('Neu in den letzten 7 Tagen')).toBe('5');
    expect(card('Median bis zur Bestätigung')).toBe('2 Std.');
    expect(card('Median bis zum Abschluss')).toBe('3 Tage');
    // German percentages have a no-break space before the sign.
    expect(card('In der Zielzeit abgeschlossen')).toBe('40\u00a0%');
    expect(card('Überfällig jetzt')).toBe('2');
    // Altstadt's close median of 51 hours in words; Tiefbau's share with a decimal comma.
    expect(html).toContain('2 Tage 3 Std.');
    expect(html).toContain('33,3\u00a0%');
    expect(html).toContain('3 Std. 30 Min.');
    expect(html).toContain('Zeitraum: 22.10.2026 bis 21.11.2026 (30 Tage).');
  });

  it('lists the bins reported full most often by presses in the period', async () => {
    const { a, b } = await twoBins(ctx);
    const html = await (await admin.request('/intern/kennzahlen')).text();
    const table = html.slice(html.indexOf('id="kpi-bins"'));
    // A: R7 (5 presses) + R8 (3) = 8 in 2 tasks; B: R9 = 7 (R10 with 20 presses is 60 days old).
    const order = [...table.matchAll(/<th scope="row" class="nowrap">([^<]+)<\/th><td>[^<]*<\/td><td>[^<]*<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(order).toEqual([
      [a.code, '2', '8'],
      [b.code, '1', '7'],
    ]);
    // Over 90 days R10 counts too: B has 27 presses and moves to the top.
    const html90 = await (await admin.request('/intern/kennzahlen?zeitraum=90')).text();
    const table90 = html90.slice(html90.indexOf('id="kpi-bins"'));
    expect(table90.indexOf(b.code)).toBeLessThan(table90.indexOf(a.code));
    expect(table90).toContain('<td class="num">27</td>');
  });

  it('the new vs closed chart has a text alternative with the totals and a table of the bars', async () => {
    const html = await (await admin.request('/intern/kennzahlen')).text();
    expect(html).toContain('role="img" aria-label="Neue und abgeschlossene Meldungen pro Tag, 22.10.2026 bis 21.11.2026: insgesamt 8 neu, 5 abgeschlossen.');
    // 30 bars of a day each, newest last: R7 came in yesterday (the bar of the last 24 hours is the newest).
    const rows = [...html.matchAll(/<tr><th scope="row">(\d\d\.\d\d\.\d{4})<\/th><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><\/tr>/g)];
    expect(rows).toHaveLength(30);
    expect(rows.reduce((s, m) => s + Number(m[2]), 0)).toBe(8);
    expect(rows.reduce((s, m) => s + Number(m[3]), 0)).toBe(5);
  });
});

describe('filters', () => {
  it('department and category', async () => {
    // Gully in Tiefbau: R5 (closed in period, 840 h) and R6 (open, new this week).
    const rows = await csv('?fachamt=tiefbau&kategorie=gully');
    expect(pick(csvFigures(rows, 'Gesamt', '*'))).toEqual(['1', '0', '1', '1', '1', '', '840,0', '0,0']);
    expect(rows.filter((r) => r[0] === 'Fachamt').map((r) => r[1])).toEqual(['Tiefbauamt']);
    expect(rows.filter((r) => r[0] === 'Kategorie').map((r) => r[1])).toEqual(['Gully / Kanaldeckel']);
  });

  it('7 days: the period start is inclusive', async () => {
    // Closed since 2026-11-14 10:00: R1 exactly then (72 h), R5 (840 h), R9 (30 h) -> median 72 h.
    // Acknowledged since then: R3 (0.5 h), R9 (1 h) -> 0.75 h.
    const rows = await csv('?zeitraum=7');
    expect(pick(csvFigures(rows, 'Gesamt', '*'))).toEqual(['5', '2', '5', '5', '3', '0,8', '72,0', '33,3']);
  });

  it('365 days take in everything but the open report of 100 days ago as new', async () => {
    const rows = await csv('?zeitraum=365');
    // New: all 11. Acknowledged: the 8 with a time: 0.5 1 1 2 4 6 24 24 -> (2 + 4) / 2 = 3 h.
    // Closed: 2 6 30 72 192 840 -> (30 + 72) / 2 = 51 h; within target R1 R8 R10 = 3 of 6.
    expect(pick(csvFigures(rows, 'Gesamt', '*'))).toEqual(['5', '2', '5', '11', '6', '3,0', '51,0', '50,0']);
  });

  it('a category filter other than "bin full" leaves the bins list out', async () => {
    const html = await (await admin.request('/intern/kennzahlen?kategorie=gully')).text();
    expect(html).not.toContain('id="kpi-bins"');
    expect(html).not.toContain('Am häufigsten als voll gemeldete');
  });

  it('an empty selection says so and shows no tables', async () => {
    const res = await admin.request('/intern/kennzahlen?fachamt=gruen');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('In dieser Auswahl gibt es keine Meldungen.');
    expect(html).not.toContain('id="kpi-districts"');
  });

  it('English with ?lang=en', async () => {
    const html = await (await admin.request('/intern/kennzahlen?lang=en')).text();
    expect(html).toContain('<h1>Key figures</h1>');
    expect(html).toContain('40%');
    expect(html).toContain('2 days 3 h');
    expect(html).toContain('<input type="hidden" name="lang" value="en"/>');
    const rows = parseKpiCsv(await csvText(await admin.request('/intern/kennzahlen.csv?lang=en')));
    expect(csvFigures(rows, 'Total', '*')['Median to acknowledge (hours)']).toBe('2.0');
  });
});
