// GET /intern/meldungen through the app: counts per state (and their cap), pagination and its edges,
// the 422 page, English, and the clock.
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, FIXED_NOW } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { CLOSED_COUNT_CAP } from '../../server/routes/staff-queue.tsx';
import { DAY, HOUR, insertManyReports, insertReport, listedIds, removeDemoReports } from './fixtures.ts';

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

describe('counts per state', () => {
  it('counts the selection without its state filter, links set the state, closed only when asked for', async () => {
    await insertReport(t.ctx, { state: 'new', category: 'gully' });
    await insertReport(t.ctx, { state: 'new', category: 'gully' });
    await insertReport(t.ctx, { state: 'in_progress', category: 'gully' });
    await insertReport(t.ctx, { state: 'done', category: 'gully' });
    await insertReport(t.ctx, { state: 'new', category: 'ampel' });
    const { html } = await page('/intern/meldungen?kategorie=gully&status=in_progress');
    expect(html).toContain('>Neu: 2</a>');
    expect(html).toContain('>Gesehen: 0</a>');
    expect(html).toContain('aria-current="true">In Bearbeitung: 1</a>');
    // Closed states are not counted unless selected: a link that shows them instead.
    expect(html).toContain('>Erledigt: anzeigen</a>');
    expect(html).toContain('href="/intern/meldungen?status=new&amp;kategorie=gully"');
    expect(html).toContain('1 Meldung in der Auswahl.');
    const closed = await page('/intern/meldungen?kategorie=gully&status=done');
    expect(closed.html).toContain('aria-current="true">Erledigt: 1</a>');
    expect(closed.html).toContain('>Abgelehnt: anzeigen</a>');
  });
});

describe('a closed state with more reports than the cap', () => {
  it('is counted up to the cap, says "more than", and pages with next links until the end', async () => {
    expect(CLOSED_COUNT_CAP).toBe(10_000);
    await insertManyReports(t.ctx, CLOSED_COUNT_CAP + 1, 'done');
    await insertReport(t.ctx, { state: 'new' });
    const first = await page('/intern/meldungen?status=done');
    expect(first.status).toBe(200);
    expect(first.html).toContain('aria-current="true">Erledigt: mehr als 10.000</a>');
    expect(first.html).toContain('>Neu: 1</a>');
    expect(first.html).toContain('Mehr als 10.000 Meldungen in der Auswahl, Seite 1.');
    expect(listedIds(first.html)).toHaveLength(50);
    expect(first.html).toContain('href="/intern/meldungen?status=done&amp;seite=2" rel="next"');
    // The 10,001st report is alone on page 201, and nothing follows it.
    const last = await page('/intern/meldungen?status=done&seite=201');
    expect(listedIds(last.html)).toHaveLength(1);
    expect(last.html).not.toContain('rel="next"');
    expect(last.html).toContain('<p>Seite 201</p>');
    const beyond = await page('/intern/meldungen?status=done&seite=202');
    expect(beyond.html).toContain('Diese Seite gibt es nicht: so viele Meldungen hat die Auswahl nicht.');
    // The open states are exact as ever, and the default view does not count closed ones at all.
    expect((await page('/intern/meldungen')).html).toContain('>Erledigt: anzeigen</a>');
  });
});

describe('pagination', () => {
  beforeEach(async () => {
    for (let i = 0; i < 120; i++) await insertReport(t.ctx, { dueIn: i * HOUR });
  });

  it('50 per page with the total, links that keep the selection, the last page partial', async () => {
    const first = await page('/intern/meldungen?quelle=web');
    expect(listedIds(first.html)).toHaveLength(50);
    expect(first.html).toContain('120 Meldungen in der Auswahl, Seite 1 von 3.');
    expect(first.html).toContain('href="/intern/meldungen?quelle=web&amp;seite=2" rel="next"');
    expect(first.html).not.toContain('rel="prev"');
    const second = await page('/intern/meldungen?quelle=web&seite=2');
    expect(listedIds(second.html)[0]).toBe(listedIds(first.html)[49]! + 1);
    expect(second.html).toContain('href="/intern/meldungen?quelle=web" rel="prev"');
    const last = await page('/intern/meldungen?quelle=web&seite=3');
    expect(listedIds(last.html)).toHaveLength(20);
    expect(last.html).not.toContain('rel="next"');
  });

  it('a page past the end is empty and says how many pages there are', async () => {
    const { status, html } = await page('/intern/meldungen?seite=4');
    expect(status).toBe(200);
    expect(listedIds(html)).toEqual([]);
    expect(html).toContain('Diese Seite gibt es nicht: die Auswahl hat nur 3 Seiten.');
    expect(html).toContain('120 Meldungen in der Auswahl.</p>');
    expect(html).toContain('href="/intern/meldungen?seite=3" rel="prev"');
  });

  it.each(['0', 'abc', '-1', '1.5', '9999999'])('seite=%s is a 422', async (value) => {
    const { status, html } = await page(`/intern/meldungen?seite=${value}`);
    expect(status).toBe(422);
    expect(html).toContain(`Die Seitenzahl muss eine ganze Zahl ab 1 sein, nicht „${value}“.`);
  });
});

describe('invalid parameters: a 422 page with the message at the field and the input kept', () => {
  it.each([
    ['status=offen', 'Diesen Status gibt es nicht: „offen“.', 'status'],
    ['kategorie=schlagloch', 'Diese Kategorie gibt es nicht: „schlagloch“.', 'kategorie'],
    ['ortsbezirk=Wiesbaden', 'Diesen Ortsbezirk gibt es nicht: „Wiesbaden“.', 'ortsbezirk'],
    ['quelle=fax', 'Diesen Eingang gibt es nicht: „fax“.', 'quelle'],
    ['alter=2', 'Das Alter „2“ ist nicht möglich.', 'alter'],
    ['fachamt=bauamt', 'Dieses Fachamt gibt es nicht: „bauamt“.', 'fachamt'],
    ['prioritaet=7', 'Diese Priorität gibt es nicht: „7“.', 'prioritaet'],
    ['sortierung=zufall', 'Diese Sortierung gibt es nicht: „zufall“.', 'sortierung'],
    ['ueberfaellig=ja', 'Hier ist nur „1“ (angekreuzt) möglich, nicht „ja“.', 'ueberfaellig'],
    ['mir=2', 'Hier ist nur „1“ (angekreuzt) möglich, nicht „2“.', 'mir'],
    ['kategorie=gully&kategorie=ampel', 'Der Parameter „kategorie“ darf nur einmal vorkommen.', 'kategorie'],
  ])('%s', async (query, message, field) => {
    await insertReport(t.ctx);
    const { status, html } = await page(`/intern/meldungen?${query}`);
    expect(status).toBe(422);
    expect(html).toContain('<title>Auswahl ungültig: Meldungen');
    expect(html).toContain(message);
    // At the field: the error paragraph is tied to the control.
    expect(html).toContain(`id="filter-${field}-error"`);
    if (field !== 'status' && !['ueberfaellig', 'mir'].includes(field)) expect(html).toMatch(new RegExp(`id="filter-${field}"[^>]*aria-invalid="true"[^>]*aria-describedby="filter-${field}-error"`));
    // Nothing was listed.
    expect(listedIds(html)).toEqual([]);
    expect(html).not.toContain('id="results"');
  });

  it('keeps every value, the valid and the invalid ones, and lists every error', async () => {
    const { status, html } = await page('/intern/meldungen?kategorie=gully&ortsbezirk=Atlantis&quelle=qr&sortierung=neueste&status=new&status=kaputt');
    expect(status).toBe(422);
    expect(html).toContain('Die Auswahl enthält 2 Fehler:');
    expect(html).toContain('<option value="gully" selected="">');
    expect(html).toContain('<option value="qr" selected="">');
    expect(html).toContain('<option value="neueste" selected="">');
    expect(html).toContain('<option value="Atlantis" selected="">„Atlantis“ (ungültig)</option>');
    expect(html).toMatch(/id="filter-status-new" name="status" value="new" checked/);
    expect(html).toContain('href="#filter-ortsbezirk"');
  });
});

describe('language', () => {
  it('is German by default and English with ?lang=en, links keep the language', async () => {
    const id = await insertReport(t.ctx, { dueIn: -3 * DAY });
    const de = await page('/intern/meldungen');
    expect(de.html).toContain('<html lang="de">');
    const en = await page('/intern/meldungen?lang=en');
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('overdue by 3 days');
    expect(en.html).toContain('Road damage / pothole');
    expect(en.html).toContain(`href="/intern/meldungen/${id}?lang=en"`);
    expect(en.html).toContain('<input type="hidden" name="lang" value="en"/>');
    const bad = await page('/intern/meldungen?lang=en&quelle=fax');
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('There is no such channel: “fax”.');
  });
});

describe('the time the page is read at', () => {
  it('uses the app clock for age and overdue', async () => {
    await insertReport(t.ctx, { age: 2 * HOUR, dueIn: 10 * 60_000 });
    expect((await page('/intern/meldungen')).html).toContain('noch 10 Min.');
    // Less than the session's idle timeout later.
    t.ctx.clock.set(new Date(FIXED_NOW.getTime() + 20 * 60_000));
    const { html } = await page('/intern/meldungen');
    expect(html).toContain('überfällig um 10 Min.');
    expect(html).toContain('>2 Std.</time>');
  });
});
