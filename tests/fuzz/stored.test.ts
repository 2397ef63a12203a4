// Stored markup: text that would become elements, attributes or scripts if echoed unescaped is written
// through every form that keeps text (report, bin press, answers, notes, forwarding, address,
// categories, departments, templates, API keys, accounts, bins, districts), then every page that shows
// such text is read, as a citizen and as staff. None may contain markup from the input.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, routeKey } from './catalogue.ts';
import { answerProblems, readAnswer, takeUnhandled } from './checks.ts';
import { createFuzzWorld, type FuzzWorld } from './fixture.ts';
import type { FieldValue, FileSpec } from './hostile.ts';
import type { HostileFiles } from './images.ts';
import { sendAndCheck } from './run.ts';
import type { RequestPlan } from './send.ts';
import { fromClient } from '../request/scan-helpers.ts';

/** Breaks out of double- and single-quoted attributes, textareas, titles and scripts; 85 characters. */
const P = `"><fzq-b>'><fzq-c></textarea><fzq-d></script><fzq-e></title><fzq-f><script>fzq_x()</script>`;
/** For fields of at most 60 characters. */
const SHORT = `"><fzq-b></script><fzq-e>'><fzq-c>`;

let world: FuzzWorld;
const uploads: FileSpec[] = [];
const files = (): HostileFiles => ({ honest: [], hostile: uploads, heavy: { name: '-', type: '-', bytes: new Uint8Array() } });
const spec = (key: string) => CATALOGUE.find((s) => routeKey(s) === key)!;
let client = 0;

async function write(key: string, params: Record<string, string>, fields: Array<[string, FieldValue]>, multipart = false) {
  client += 1;
  const plan: RequestPlan = {
    params, query: [], lang: 'none', cookie: 'session', accept: 'html', origin: 'same', csrf: 'valid', formToken: 'valid', client: `203.0.113.${client}`,
    fields, body: multipart ? { kind: 'multipart', boundary: 'fzqboundary' } : { kind: 'urlencoded' },
  };
  const result = await sendAndCheck(world, files(), spec(key), plan);
  expect(result.problems, `${key} → ${result.status}`).toEqual([]);
  expect([201, 303], `${key} → ${result.status}`).toContain(result.status);
  return result;
}

beforeAll(async () => {
  world = await createFuzzWorld();
});
afterAll(() => world.close());

describe('text with markup, stored through every form and shown on every page', () => {
  it('is escaped everywhere', async () => {
    const f = world.fixture;
    const { lat, lon } = f.point;
    const db = world.ctx.db;
    // Citizens: a report in a category whose text is published at once, and a bin press with a text.
    await write('POST /melden/:slug', { slug: 'strassenbeleuchtung' }, [['lat', String(lat)], ['lon', String(lon)], ['strasse', P], ['beschreibung', P], ['trotzdem', '1']]);
    await write('POST /B/:code', { code: f.binCode }, [['reason', 'other'], ['text', P.slice(0, 190)]]);
    // Staff, on a report.
    const report = { id: String(f.openReport) };
    await write('POST /intern/meldungen/:id{[0-9]{1,12}}/antwort', report, [['text', P]]);
    await write('POST /intern/meldungen/:id{[0-9]{1,12}}/notiz', report, [['text', P]]);
    await write('POST /intern/meldungen/:id{[0-9]{1,12}}/ort', report, [['lat', lat.toFixed(6)], ['lon', lon.toFixed(6)], ['adresse', P]]);
    await write('POST /intern/meldungen/:id{[0-9]{1,12}}/weiterleiten', report, [['fachamt', String(f.otherDepartmentId)], ['grund', P]]);
    // Administration.
    const category: Array<[string, FieldValue]> = [
      ['name_de', P], ['name_en', P], ['group_de', SHORT], ['group_en', SHORT], ['help_de', P], ['help_en', P], ['notice_de', P], ['notice_en', P],
      ['department', ''], ['target_hours', '72'], ['duplicate_radius_m', '30'], ['active', '1'],
    ];
    await write('POST /intern/verwaltung/kategorien/:id{[0-9]+}', { id: String(f.defectCategoryId) }, category);
    const department = await db.selectFrom('departments').select('slug').where('id', '=', f.otherDepartmentId).executeTakeFirstOrThrow();
    await write('POST /intern/verwaltung/aemter/:id{[0-9]+}', { id: String(f.otherDepartmentId) }, [['name', P], ['slug', department.slug], ['email', ''], ['notifyMode', 'off']]);
    await write('POST /intern/verwaltung/vorlagen', {}, [['category', ''], ['state', ''], ['title', P], ['body', P]]);
    const created = await write('POST /intern/verwaltung/api-schluessel', {}, [['name', P]]);
    expect(created.status).toBe(201);
    const tiefbau = await db.selectFrom('departments').select('id').where('slug', '=', 'tiefbau').executeTakeFirstOrThrow();
    await write('POST /intern/verwaltung/konten/:id{[0-9]+}', { id: String(f.otherStaffId) }, [['displayName', P], ['role', 'staff'], ['departments', String(tiefbau.id)]]);
    const bin = await db.selectFrom('bins').select(['lat', 'lon']).where('id', '=', f.binId).executeTakeFirstOrThrow();
    await write('POST /intern/papierkoerbe/:id{[0-9]+}', { id: String(f.binId) }, [['bin_type', P], ['description', P], ['lat', String(bin.lat)], ['lon', String(bin.lon)]]);
    const demo = JSON.parse(readFileSync(new URL('../../db/seed/mainz-districts.geojson', import.meta.url), 'utf8')) as { features: Array<{ properties: Record<string, unknown> }> };
    demo.features[0]!.properties['name'] = P;
    uploads.push({ name: 'bezirke.geojson', type: 'application/geo+json', bytes: new TextEncoder().encode(JSON.stringify(demo)) });
    await write('POST /intern/verwaltung/ortsbezirke/import', {}, [['nameProperty', 'name'], ['file', { file: 'bezirke.geojson' }]], true);

    const reports = (await db.selectFrom('reports').select('id').execute()).map((r) => r.id);
    const staff = await db.selectFrom('staff').select('id').execute();
    const templates = await db.selectFrom('response_templates').select('id').execute();
    const code = (await db.selectFrom('bins').select('code').where('id', '=', f.binId).executeTakeFirstOrThrow()).code;
    const pages = [
      ...['/', '/melden', '/melden/strassenschaden', '/ortsbezirke', '/karte', '/karte/liste', '/karte/liste?seite=2', `/B/${code}`, `/B/${code}/danke?grund=other`],
      ...reports.map((id) => `/m/${id}`),
    ];
    const staffPages = [
      '/intern', '/intern/meldungen', '/intern/meldungen?status=new&status=acknowledged&status=done', '/intern/meldungen/karte', '/intern/zentrale', '/intern/ueberfaellig',
      '/intern/kolonne', '/intern/papierkoerbe', `/intern/papierkoerbe/${f.binId}`, '/intern/kennzahlen', '/intern/konto',
      '/intern/verwaltung', '/intern/verwaltung/aemter', `/intern/verwaltung/aemter/${f.otherDepartmentId}`, '/intern/verwaltung/kategorien', `/intern/verwaltung/kategorien/${f.defectCategoryId}`,
      '/intern/verwaltung/vorlagen', ...templates.map((t) => `/intern/verwaltung/vorlagen/${t.id}`), '/intern/verwaltung/ortsbezirke', '/intern/verwaltung/zustaendigkeit',
      `/intern/verwaltung/zustaendigkeit/pruefen?kategorie=${f.defectCategoryId}&lat=${lat}&lon=${lon}&papierkorb=${code}`,
      '/intern/verwaltung/konten', ...staff.map((s) => `/intern/verwaltung/konten/${s.id}`), '/intern/verwaltung/api-schluessel',
      ...reports.map((id) => `/intern/meldungen/${id}`),
    ];
    const problems: string[] = [];
    for (const [path, asStaff] of [...pages.map((p) => [p, false] as const), ...staffPages.map((p) => [p, true] as const)]) {
      for (const lang of ['de', 'en'] as const) {
        const headers = new Headers(asStaff ? { Cookie: (await world.session()).cookie } : {});
        const url = `http://localhost${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
        const answer = await readAnswer(await world.app.request(url, { headers }, fromClient('198.51.100.9')));
        const found = [...answerProblems(answer, lang), ...takeUnhandled(world)];
        if (answer.status !== 200) found.push(`status ${answer.status}`);
        problems.push(...found.map((p) => `${path} (${lang}): ${p}`));
      }
    }
    expect(problems).toEqual([]);
  });
});
