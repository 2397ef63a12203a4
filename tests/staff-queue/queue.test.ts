// GET /intern/meldungen through the app: the default selection, every filter and every sort.
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { DAY, HOUR, insertReport, listedIds, removeDemoReports } from './fixtures.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
let t: TestApp;
let admin: Awaited<ReturnType<typeof asStaff>>;

beforeEach(async () => {
  t = await createTestApp();
  await removeDemoReports(t.ctx);
  admin = await asStaff(t.app, t.ctx, { role: 'admin' });
});

async function page(path: string, who = admin) {
  const res = await who.request(path);
  return { status: res.status, html: await res.text() };
}

describe('the default selection', () => {
  it('lists the open reports of all departments for admin, earliest due first, with every column', async () => {
    const late = await insertReport(t.ctx, { category: 'strassenschaden', dueIn: -2 * DAY - HOUR, address: 'Schillerplatz 1', priority: 2, support: 4 });
    const soon = await insertReport(t.ctx, { category: 'ampel', state: 'acknowledged', dueIn: 5 * HOUR, district: 'Gonsenheim' });
    const later = await insertReport(t.ctx, { category: 'graffiti', state: 'in_progress', dueIn: 3 * DAY });
    await insertReport(t.ctx, { state: 'done', dueIn: -10 * DAY });
    await insertReport(t.ctx, { state: 'duplicate', dueIn: -10 * DAY });
    const { status, html } = await page('/intern/meldungen');
    expect(status).toBe(200);
    expect(listedIds(html)).toEqual([late, soon, later]);
    expect(html).toContain('3 Meldungen in der Auswahl, Seite 1 von 1.');
    // The overdue row says so in words, not by colour alone; the others say how long is left.
    expect(html).toContain('überfällig um 2 Tage');
    expect(html).toContain('noch 5 Std.');
    expect(html).toContain('Altstadt, Schillerplatz 1');
    expect(html).toContain('Gonsenheim');
    expect(html).toContain('dringend');
    expect(html).toContain('Straßenschaden / Schlagloch');
    expect(html).toContain('<td class="num" data-label="Unterstützt">4</td>');
    expect(html).toContain('niemand');
    // Rows of several departments: a department column; one department chosen: none.
    expect(html).toContain('<td data-label="Fachamt">Tiefbauamt</td>');
    expect((await page('/intern/meldungen?fachamt=tiefbau')).html).not.toContain('data-label="Fachamt"');
    // The filter form comes first, the skip link before it, and the map and CSV links keep the selection.
    expect(html.indexOf('Zu den Ergebnissen springen')).toBeLessThan(html.indexOf('<form method="get" action="/intern/meldungen"'));
    expect(html.indexOf('<form method="get"')).toBeLessThan(html.indexOf('id="results"'));
    expect(html).toContain('href="/intern/meldungen/karte"');
    expect(html).toContain('href="/intern/meldungen.csv"');
  });

  it('shows staff only the reports of their departments, with the assignee', async () => {
    const staff = await asStaff(t.app, t.ctx, { role: 'staff', departments: ['tiefbau'], name: 'Tina Tief' });
    const road = await insertReport(t.ctx, { category: 'strassenschaden', assignedTo: staff.staff.id });
    await insertReport(t.ctx, { category: 'strassenbeleuchtung' });
    await insertReport(t.ctx, { category: 'sonstiges' });
    const { html } = await page('/intern/meldungen', staff);
    expect(listedIds(html)).toEqual([road]);
    expect(html).toContain('Tina Tief');
    expect(html).not.toContain('data-label="Fachamt"');
    expect(html).toContain('Alle meine Fachämter');
    expect(html).not.toContain('value="licht"');
  });

  it('shows an empty queue to staff without departments, and says so', async () => {
    await insertReport(t.ctx);
    const nobody = await asStaff(t.app, t.ctx, { role: 'staff', departments: [] });
    const { status, html } = await page('/intern/meldungen', nobody);
    expect(status).toBe(200);
    expect(listedIds(html)).toEqual([]);
    expect(html).toContain('Keine Meldungen in dieser Auswahl.');
  });
});

describe('filters', () => {
  it('status: several states, closed ones included', async () => {
    const fresh = await insertReport(t.ctx, { state: 'new' });
    await insertReport(t.ctx, { state: 'acknowledged' });
    const done = await insertReport(t.ctx, { state: 'done', dueIn: 10 * DAY });
    await insertReport(t.ctx, { state: 'rejected' });
    const { html } = await page('/intern/meldungen?status=new&status=done');
    expect(listedIds(html).sort()).toEqual([fresh, done].sort());
    // A closed report shows its due time as a fact, never "noch …" or "überfällig".
    expect(html).not.toContain('noch 10 Tage');
    expect(html).toMatch(/id="filter-status-new" name="status" value="new" checked/);
    expect(html).toMatch(/id="filter-status-done" name="status" value="done" checked/);
  });

  it('kategorie, ortsbezirk, quelle, prioritaet', async () => {
    const match = await insertReport(t.ctx, { category: 'gully', district: 'Mombach', source: 'api', priority: 1 });
    await insertReport(t.ctx, { category: 'strassenschaden', district: 'Mombach', source: 'api', priority: 1 });
    await insertReport(t.ctx, { category: 'gully', district: 'Finthen', source: 'api', priority: 1 });
    await insertReport(t.ctx, { category: 'gully', district: 'Mombach', source: 'web', priority: 1 });
    await insertReport(t.ctx, { category: 'gully', district: 'Mombach', source: 'api', priority: 0 });
    expect(listedIds((await page('/intern/meldungen?kategorie=gully&ortsbezirk=Mombach&quelle=api&prioritaet=hoch')).html)).toEqual([match]);
    expect(listedIds((await page('/intern/meldungen?kategorie=gully')).html)).toHaveLength(4);
    expect(listedIds((await page('/intern/meldungen?ortsbezirk=Finthen')).html)).toHaveLength(1);
    expect(listedIds((await page('/intern/meldungen?quelle=web')).html)).toHaveLength(1);
    expect(listedIds((await page('/intern/meldungen?prioritaet=normal')).html)).toHaveLength(1);
    expect(listedIds((await page('/intern/meldungen?prioritaet=dringend')).html)).toHaveLength(0);
  });

  it('alter: older than N days', async () => {
    const old = await insertReport(t.ctx, { age: 8 * DAY });
    const week = await insertReport(t.ctx, { age: 4 * DAY });
    await insertReport(t.ctx, { age: 2 * HOUR });
    expect(listedIds((await page('/intern/meldungen?alter=7')).html)).toEqual([old]);
    expect(listedIds((await page('/intern/meldungen?alter=3')).html).sort()).toEqual([old, week].sort());
    expect(listedIds((await page('/intern/meldungen?alter=30')).html)).toEqual([]);
  });

  it('ueberfaellig=1: only past due', async () => {
    const late = await insertReport(t.ctx, { dueIn: -HOUR });
    await insertReport(t.ctx, { dueIn: HOUR });
    await insertReport(t.ctx, { dueIn: null });
    expect(listedIds((await page('/intern/meldungen?ueberfaellig=1')).html)).toEqual([late]);
  });

  it('fachamt: one department; staff may pick only their own', async () => {
    const road = await insertReport(t.ctx, { category: 'strassenschaden' });
    const light = await insertReport(t.ctx, { category: 'strassenbeleuchtung' });
    expect(listedIds((await page('/intern/meldungen?fachamt=licht')).html)).toEqual([light]);
    const staff = await asStaff(t.app, t.ctx, { role: 'staff', departments: ['tiefbau', 'licht'] });
    expect(listedIds((await page('/intern/meldungen?fachamt=tiefbau', staff)).html)).toEqual([road]);
    expect(listedIds((await page('/intern/meldungen', staff)).html).sort()).toEqual([road, light].sort());
  });

  it('mir=1: assigned to me', async () => {
    const me = await asStaff(t.app, t.ctx, { role: 'staff', departments: ['tiefbau'], login: 'ich' });
    const other = await asStaff(t.app, t.ctx, { role: 'staff', departments: ['tiefbau'], login: 'du' });
    const mine = await insertReport(t.ctx, { assignedTo: me.staff.id });
    await insertReport(t.ctx, { assignedTo: other.staff.id });
    await insertReport(t.ctx);
    expect(listedIds((await page('/intern/meldungen?mir=1', me)).html)).toEqual([mine]);
  });

  it('hidden reports stay in the queue, marked as hidden (they are never deleted)', async () => {
    const hidden = await insertReport(t.ctx, { hidden: true });
    const { html } = await page('/intern/meldungen');
    expect(listedIds(html)).toEqual([hidden]);
    expect(html).toContain('Neu<span class="tag">verborgen</span>');
  });

  it('an empty parameter counts as not given (a form sent with "all")', async () => {
    const id = await insertReport(t.ctx);
    const { status, html } = await page('/intern/meldungen?status=&kategorie=&ortsbezirk=&quelle=&alter=&fachamt=&prioritaet=&sortierung=faellig');
    expect(status).toBe(200);
    expect(listedIds(html)).toEqual([id]);
  });
});

describe('sorting', () => {
  it('due first (default), oldest, newest, most supported; ties broken by number', async () => {
    const a = await insertReport(t.ctx, { age: 5 * DAY, dueIn: 2 * DAY, support: 1 });
    const b = await insertReport(t.ctx, { age: 1 * DAY, dueIn: -DAY, support: 7 });
    const c = await insertReport(t.ctx, { age: 3 * DAY, dueIn: 5 * DAY, support: 7 });
    const d = await insertReport(t.ctx, { age: 2 * HOUR, dueIn: HOUR, support: 0 });
    expect(listedIds((await page('/intern/meldungen')).html)).toEqual([b, d, a, c]);
    expect(listedIds((await page('/intern/meldungen?sortierung=faellig')).html)).toEqual([b, d, a, c]);
    expect(listedIds((await page('/intern/meldungen?sortierung=aelteste')).html)).toEqual([a, c, b, d]);
    expect(listedIds((await page('/intern/meldungen?sortierung=neueste')).html)).toEqual([d, b, c, a]);
    // Equal support: the one due first.
    expect(listedIds((await page('/intern/meldungen?sortierung=unterstuetzt')).html)).toEqual([b, c, a, d]);
  });
});

