// Who may see which Kennzahlen: role x department, refused filter values, no session, no CSRF token.
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { asStaff } from '../staff-helpers.ts';
import { csvFigures, csvText, parseKpiCsv } from './csv-parse.ts';
import { createKpiApp } from './data.ts';

let app: App;
let ctx: AppContext;

beforeAll(async () => {
  ({ app, ctx } = await createKpiApp());
});

describe('Kennzahlen access', () => {
  it('roles: admin and dispatcher see every department, staff their own, crew nothing', async () => {
    const cases: Array<[Parameters<typeof asStaff>[2], string, number]> = [
      [{ role: 'admin', login: 'a1' }, '/intern/kennzahlen', 200],
      [{ role: 'dispatcher', login: 'd1' }, '/intern/kennzahlen', 200],
      [{ role: 'staff', departments: ['tiefbau'], login: 's1' }, '/intern/kennzahlen', 200],
      [{ role: 'crew', departments: ['entsorgung'], login: 'c1' }, '/intern/kennzahlen', 403],
      [{ role: 'crew', departments: ['entsorgung'], login: 'c2' }, '/intern/kennzahlen.csv', 403],
      [{ role: 'staff', departments: ['tiefbau'], login: 's2' }, '/intern/kennzahlen?fachamt=tiefbau', 200],
      [{ role: 'staff', departments: ['tiefbau'], login: 's3' }, '/intern/kennzahlen?fachamt=entsorgung', 403],
      [{ role: 'staff', departments: ['tiefbau'], login: 's4' }, '/intern/kennzahlen.csv?fachamt=entsorgung', 403],
      [{ role: 'dispatcher', login: 'd2' }, '/intern/kennzahlen?fachamt=entsorgung', 200],
      [{ role: 'admin', login: 'a2' }, '/intern/kennzahlen.csv?fachamt=verkehr', 200],
    ];
    for (const [who, path, status] of cases) {
      const staff = await asStaff(app, ctx, who);
      const res = await staff.request(path);
      expect([who!.login, path, res.status]).toEqual([who!.login, path, status]);
    }
  });

  it('staff see only their own departments, in the figures and in the filter', async () => {
    const staff = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim' });
    const html = await (await staff.request('/intern/kennzahlen')).text();
    // Tiefbau only: open R3 R4 R6.
    expect(/<dt>Offen jetzt<\/dt><dd class="kpi-value">3<\/dd>/.test(html)).toBe(true);
    expect(html).toContain('<option value="tiefbau">Tiefbauamt</option>');
    expect(html).not.toContain('value="entsorgung"');
    expect(html).toContain('Meine Fachämter');
    const rows = parseKpiCsv(await csvText(await staff.request('/intern/kennzahlen.csv')));
    expect(rows.filter((r) => r[0] === 'Fachamt').map((r) => r[1])).toEqual(['Tiefbauamt']);
    expect(csvFigures(rows, 'Gesamt', '*')['Offen']).toBe('3');
  });

  it('staff of two departments see both', async () => {
    const staff = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau', 'verkehr'], login: 'zwei' });
    const rows = parseKpiCsv(await csvText(await staff.request('/intern/kennzahlen.csv')));
    expect(rows.filter((r) => r[0] === 'Fachamt').map((r) => r[1]).sort()).toEqual(['Straßenverkehrsamt', 'Tiefbauamt']);
    expect(csvFigures(rows, 'Gesamt', '*')['Offen']).toBe('4');
  });

  it('without a session: the page redirects to the login, a JSON client gets 401', async () => {
    const page = await app.request('/intern/kennzahlen?zeitraum=90');
    expect(page.status).toBe(303);
    expect(page.headers.get('Location')).toBe('/intern/anmelden?ziel=%2Fintern%2Fkennzahlen%3Fzeitraum%3D90');
    const csv = await app.request('/intern/kennzahlen.csv');
    expect(csv.status).toBe(303);
    const api = await app.request('/intern/kennzahlen', { headers: { Accept: 'application/json' } });
    expect(api.status).toBe(401);
  });

  it('the dashboard changes nothing: a POST without the CSRF token is refused, with it there is no such action', async () => {
    const admin = await asStaff(app, ctx, { role: 'admin', login: 'poster' });
    const form = (body: Record<string, string>) => ({ method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });
    expect((await admin.request('/intern/kennzahlen', form({ zeitraum: '7' }))).status).toBe(403);
    expect((await admin.request('/intern/kennzahlen', form({ zeitraum: '7', csrf: admin.csrfToken }))).status).toBe(404);
  });

  it('the response is not cached', async () => {
    const admin = await asStaff(app, ctx, { role: 'admin', login: 'cache' });
    expect((await admin.request('/intern/kennzahlen')).headers.get('Cache-Control')).toBe('no-store');
    expect((await admin.request('/intern/kennzahlen.csv')).headers.get('Cache-Control')).toBe('no-store');
  });
});

describe('refused filter values', () => {
  it('re-render the form with 422, the message at the field and the value kept', async () => {
    const admin = await asStaff(app, ctx, { role: 'admin', login: 'filter' });
    const res = await admin.request('/intern/kennzahlen?zeitraum=14&kategorie=gully');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<title>Fehler: Kennzahlen');
    expect(html).toContain('<p class="field-error" id="zeitraum-error">Bitte wählen Sie einen Zeitraum aus der Liste (7, 30, 90 oder 365 Tage).</p>');
    expect(html).toContain('aria-describedby="zeitraum-error"');
    expect(html).toContain('<option value="14" selected="">14</option>');
    expect(html).toContain('<option value="gully" selected="">Gully / Kanaldeckel</option>');
    expect(html).not.toContain('kpi-cards');
  });

  it('unknown department and category slugs are 422, for the page and the CSV', async () => {
    const admin = await asStaff(app, ctx, { role: 'admin', login: 'slugs' });
    const res = await admin.request('/intern/kennzahlen?fachamt=gibtsnicht&kategorie=%3Dcmd');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="fachamt-error">Dieses Fachamt gibt es nicht.');
    expect(html).toContain('id="kategorie-error">Diese Kategorie gibt es nicht.');
    expect((await admin.request('/intern/kennzahlen.csv?zeitraum=abc')).status).toBe(422);
    expect((await admin.request('/intern/kennzahlen.csv?zeitraum=30.0')).status).toBe(422);
  });
});
