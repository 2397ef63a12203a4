import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { markBinEmptied } from '../../db/bin-tasks.ts';
import { reissueBinCode, retireBin } from '../../db/bins.ts';
import { listReportEvents } from '../../db/reports.ts';
import { codeFromNumber, formatBinCode } from '../../qr/codes.ts';
import { LANGUAGES } from '../../server/i18n/index.ts';
import { createTestApp, departmentId } from '../helpers.ts';
import { binTasks, countWrites, demoBin, fromClient, pressBin } from './scan-helpers.ts';
import { wireBytes } from './wire-size.ts';

describe('GET /B/{CODE}: the scan page', () => {
  it('shows the bin, its district and one button per reason, in German', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const res = await app.request(`/B/${bin.code}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<h1>${bin.description}</h1>`);
    expect(html).toContain(`Papierkorb ${formatBinCode(bin.code)} · Ortsbezirk Altstadt`);
    for (const [value, label] of [['full', 'Voll oder überfüllt'], ['damaged', 'Beschädigt'], ['dirty', 'Müll rund um den Papierkorb'], ['dogbags', 'Hundekotbeutel leer'], ['other', 'Anderes Problem melden']]) {
      expect(html).toContain(`name="reason" value="${value}" class="reason">${label}</button>`);
    }
    expect(html).toContain(`<form method="post" action="/B/${bin.code}">`);
    expect(html).not.toContain('<script');
  });

  it('is English with ?lang=en, and the form keeps the language', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const html = await (await app.request(`/B/${bin.code}?lang=en`)).text();
    expect(html).toContain('What is wrong with this bin?');
    expect(html).toContain(`action="/B/${bin.code}?lang=en"`);
  });

  it('accepts the path in any case', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    expect((await app.request(`/b/${bin.code.toLowerCase()}`)).status).toBe(200);
  });

  it('creates nothing when opened ten times, as link previews and scanner apps do', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const before = await countWrites(ctx.db);
    for (let i = 0; i < 10; i++) expect((await app.request(`/B/${bin.code}`, {}, fromClient(`198.51.100.${i}`))).status).toBe(200);
    expect(await countWrites(ctx.db)).toEqual(before);
    expect(await binTasks(ctx.db, bin.id)).toEqual([]);
  });

  it('says in plain words what is known: reported, emptied, next emptying', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    await ctx.db.updateTable('bins').set({ next_emptying_at: '2026-11-21T16:00:00.000Z' }).where('id', '=', bin.id).execute();
    ctx.clock.set(new Date('2026-11-21T13:05:00.000Z')); // 14:05 in Mainz
    for (const client of ['1.1.1.1', '2.2.2.2', '3.3.3.3']) await pressBin(app, bin.code, 'full', { client });
    await pressBin(app, bin.code, 'damaged');
    ctx.clock.set(new Date('2026-11-21T15:00:00.000Z'));
    const html = await (await app.request(`/B/${bin.code}`)).text();
    expect(html).toContain('Voll oder überfüllt: schon gemeldet um 14:05, 3 Meldungen. Danke!');
    expect(html).toContain('Beschädigt: schon gemeldet um 14:05. Danke!');
    expect(html).toContain('Nächste Leerung heute.');

    await markBinEmptied(ctx.db, bin.id, { now: '2026-11-21T14:50:00.000Z', actor: 'crew' });
    const after = await (await app.request(`/B/${bin.code}`)).text();
    expect(after).toContain('Vor 10 Minuten geleert.');
    expect(after).not.toContain('Voll oder überfüllt: schon gemeldet');
    expect(after).toContain('Beschädigt: schon gemeldet um 14:05. Danke!');
  });

  it('fits, headers included, into 14,000 bytes compressed, in every language', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    for (const reason of ['full', 'damaged', 'dirty', 'dogbags']) await pressBin(app, bin.code, reason);
    for (const lang of LANGUAGES) {
      const res = await app.request(`/B/${bin.code}?lang=${lang}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(res.headers.get('content-encoding')).toBe('gzip');
      const total = await wireBytes(res);
      expect(total).toBeLessThanOrEqual(14_000);
      // And the same page uncompressed, recompressed here, agrees: the body really is the page.
      const plain = await (await app.request(`/B/${bin.code}?lang=${lang}`)).text();
      expect(gzipSync(plain).length).toBeLessThanOrEqual(14_000);
      expect(plain).toContain('<h1');
    }
  });
});

describe('POST /B/{CODE}: the one-tap report', () => {
  it('records the press and answers 303 to a thank-you page that survives a reload', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const res = await pressBin(app, bin.code, 'full');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/B/${bin.code}/danke?grund=full`);
    expect(res.headers.get('set-cookie')).toBeNull();
    const before = await countWrites(ctx.db);
    for (let i = 0; i < 2; i++) {
      const thanks = await app.request(res.headers.get('location')!);
      expect(thanks.status).toBe(200);
      const html = await thanks.text();
      expect(html).toContain('Ihre Meldung „Voll oder überfüllt“ für diesen Papierkorb ist angekommen.');
      expect(html).toContain('Zuständig ist das Amt „Entsorgungsbetrieb“. Es kümmert sich in der Regel innerhalb von 24 Stunden darum.');
    }
    expect(await countWrites(ctx.db)).toEqual(before);
  });

  it('counts 10 presses on one task with 10 history rows', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    for (let i = 0; i < 10; i++) expect((await pressBin(app, bin.code, 'full', { client: `192.0.2.${i}` })).status).toBe(303);
    const tasks = await binTasks(ctx.db, bin.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ support_count: 10, state: 'new', source: 'qr', location_source: 'bin', lat: bin.lat, lon: bin.lon });
    const events = await listReportEvents(ctx.db, tasks[0]!.id);
    expect(events.map((e) => e.type)).toEqual(['created', ...Array(9).fill('scanned')]);
    const thanks = await (await app.request(`/B/${bin.code}/danke?grund=full`)).text();
    expect(thanks).toContain('Sie sind nicht allein: 10 Meldungen dazu.');
  });

  it('keeps one task per reason', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    for (const reason of ['full', 'damaged', 'full', 'dogbags', 'damaged']) await pressBin(app, bin.code, reason, { client: `192.0.2.${Math.random() * 200}` });
    const tasks = await binTasks(ctx.db, bin.id);
    expect(tasks.map((t) => t.support_count)).toEqual([2, 2, 1]);
  });

  it('routes bin reports: the bin’s own department, else the category’s', async () => {
    const { app, ctx } = await createTestApp();
    const park = await demoBin(ctx.db, { ownDepartment: true });
    const street = await demoBin(ctx.db);
    await pressBin(app, park.code, 'full');
    await pressBin(app, street.code, 'full');
    await pressBin(app, street.code, 'dogbags');
    const [parkTask] = await binTasks(ctx.db, park.id);
    const [full, dogbags] = await binTasks(ctx.db, street.id);
    expect(parkTask!.department_id).toBe(park.department_id);
    expect(full!.department_id).toBe(await departmentId(ctx.db, 'entsorgung'));
    expect(dogbags!.department_id).toBe(await departmentId(ctx.db, 'gruen'));
    expect(full!.district_id).toBe(street.district_id);
  });

  it('opens a new task after the old one was closed, once the grace time is over', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    await pressBin(app, bin.code, 'full');
    await markBinEmptied(ctx.db, bin.id, { now: ctx.clock.now().toISOString(), actor: 'crew' });

    // Right after the emptying: noted on the closed task, no new task, and the citizen is told.
    ctx.clock.advance(10 * 60_000);
    await pressBin(app, bin.code, 'full', { client: '192.0.2.50' });
    let tasks = await binTasks(ctx.db, bin.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.state).toBe('done');
    expect((await listReportEvents(ctx.db, tasks[0]!.id)).at(-1)!.type).toBe('scanned_after_close');
    expect(await (await app.request(`/B/${bin.code}/danke?grund=full`)).text()).toContain('Dieser Papierkorb wurde vor 10 Minuten geleert.');

    ctx.clock.advance(25 * 60_000);
    await pressBin(app, bin.code, 'full', { client: '192.0.2.51' });
    tasks = await binTasks(ctx.db, bin.id);
    expect(tasks.map((t) => [t.state, t.support_count])).toEqual([['done', 1], ['new', 1]]);
  });

  it('keeps the short text of "other", and refuses one that is too long, keeping the input', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    await pressBin(app, bin.code, 'other', { text: '  Deckel fehlt  ' });
    expect((await binTasks(ctx.db, bin.id))[0]!.description).toBe('Deckel fehlt');

    const before = await countWrites(ctx.db);
    const long = 'x'.repeat(201);
    const res = await pressBin(app, bin.code, 'other', { text: long });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Der Text ist zu lang: höchstens 200 Zeichen.');
    expect(html).toContain(`>${long}</textarea>`);
    expect(await countWrites(ctx.db)).toEqual(before);
  });

  it('refuses an unknown reason with 400 and records nothing', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const before = await countWrites(ctx.db);
    const res = await pressBin(app, bin.code, 'on-fire', { lang: 'en' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Please choose one of the buttons.');
    expect(await countWrites(ctx.db)).toEqual(before);
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const before = await countWrites(ctx.db);
    const res = await pressBin(app, bin.code, 'other', { text: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Die Anfrage ist zu groß.');
    expect(await countWrites(ctx.db)).toEqual(before);
  });

  it('reads a multipart form as well', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const body = new FormData();
    body.set('reason', 'damaged');
    const res = await app.request(`/B/${bin.code}`, { method: 'POST', body }, fromClient('192.0.2.77'));
    expect(res.status).toBe(303);
    expect((await binTasks(ctx.db, bin.id))[0]!.support_count).toBe(1);
  });

  it('answers a filled honeypot like a person but records nothing', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const before = await countWrites(ctx.db);
    const res = await pressBin(app, bin.code, 'full', { website: 'http://spam.example' });
    expect(res.status).toBe(303);
    expect(await countWrites(ctx.db)).toEqual(before);
  });
});

describe('abuse', () => {
  it('answers a friendly 429 in the user’s language over the per-bin limit', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    for (let i = 0; i < 6; i++) expect((await pressBin(app, bin.code, 'full')).status).toBe(303);
    const limited = await pressBin(app, bin.code, 'full');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('600');
    const html = await limited.text();
    expect(html).toContain('<h1>Einen Moment, bitte</h1>');
    expect(html).toContain('Ihre bisherigen Meldungen sind angekommen');
    expect(await (await pressBin(app, bin.code, 'full', { lang: 'en' })).text()).toContain('One moment, please');
    // The same reason again counts once a day (decision 031); the limit holds over all presses.
    expect((await binTasks(ctx.db, bin.id))[0]!.support_count).toBe(1);
    // Another person at the same bin is not affected, and the window passes.
    expect((await pressBin(app, bin.code, 'full', { client: '192.0.2.99' })).status).toBe(303);
    ctx.clock.advance(10 * 60_000);
    expect((await pressBin(app, bin.code, 'full')).status).toBe(303);
  });

  it('limits one client across bins', async () => {
    const { app, ctx } = await createTestApp();
    const bins = await ctx.db.selectFrom('bins').select('code').limit(61).execute();
    const statuses = [];
    for (const bin of bins) statuses.push((await pressBin(app, bin.code, 'full', { client: '192.0.2.200' })).status);
    expect(statuses.slice(0, 60).every((s) => s === 303)).toBe(true);
    expect(statuses[60]).toBe(429);
  });

  it('says how long the wait really is: the rest of the hour, not ten minutes, in seconds and in words', async () => {
    const { app, ctx } = await createTestApp();
    const bins = await ctx.db.selectFrom('bins').select('code').limit(62).execute();
    // 60 presses over 15 minutes (the hour's window began with the first one), then one too many.
    for (const [i, bin] of bins.slice(0, 60).entries()) {
      expect((await pressBin(app, bin.code, 'full', { client: '192.0.2.201' })).status).toBe(303);
      if (i % 4 === 3) ctx.clock.advance(60_000);
    }
    const limited = await pressBin(app, bins[60]!.code, 'full', { client: '192.0.2.201' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe(String(3600 - 15 * 60));
    const text = await limited.text();
    // 10:00 UTC is 11:00 in Mainz; the window began then, so it frees up at 12:00.
    expect(text).toContain('Bitte versuchen Sie es in 45 Minuten (um 12:00 Uhr) noch einmal');
    expect(text).not.toContain('ein paar Minuten');
    ctx.clock.advance(44 * 60_000);
    const later = await pressBin(app, bins[61]!.code, 'full', { client: '192.0.2.201', lang: 'en' });
    expect(later.headers.get('retry-after')).toBe('60');
    expect(await later.text()).toContain('Please try again in a minute (at 12:00)');
    ctx.clock.advance(60_000);
    expect((await pressBin(app, bins[61]!.code, 'full', { client: '192.0.2.201' })).status).toBe(303);
  });

  it('counts the per-bin wait from the first press of its ten minutes', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    for (let i = 0; i < 6; i++) expect((await pressBin(app, bin.code, 'full', { client: '192.0.2.202' })).status).toBe(303);
    ctx.clock.advance(4 * 60_000 + 30_000);
    const limited = await pressBin(app, bin.code, 'full', { client: '192.0.2.202' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('330');
    expect(await limited.text()).toContain('in 6 Minuten (um 11:10 Uhr)');
  });

  it('flags a bin with unusually many presses per hour for staff', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    for (let i = 0; i < 19; i++) await pressBin(app, bin.code, 'full', { client: `10.0.0.${i}` });
    expect((await ctx.db.selectFrom('bins').select('flagged_at').where('id', '=', bin.id).executeTakeFirstOrThrow()).flagged_at).toBeNull();
    await pressBin(app, bin.code, 'full', { client: '10.0.0.19' });
    const flagged = await ctx.db.selectFrom('bins').select(['flagged_at', 'flag_reason']).where('id', '=', bin.id).executeTakeFirstOrThrow();
    expect(flagged).toEqual({ flagged_at: ctx.clock.now().toISOString(), flag_reason: 'many-presses' });
  });

  it('stores and logs no IP address, not even hashed', async () => {
    const logLines: string[] = [];
    const { app, ctx } = await createTestApp({ logLines });
    const bin = await demoBin(ctx.db);
    for (let i = 0; i < 25; i++) await pressBin(app, bin.code, i % 2 ? 'full' : 'other', { client: `203.0.113.${i}`, text: 'Deckel' });
    const dump = JSON.stringify([
      await ctx.db.selectFrom('reports').selectAll().execute(),
      await ctx.db.selectFrom('report_events').selectAll().execute(),
      await ctx.db.selectFrom('bins').selectAll().execute(),
    ]);
    expect(dump).not.toContain('203.0.113.');
    expect(logLines.join('\n')).not.toContain('203.0.113.');
  });
});

function swapFirstDifferentNeighbours(code: string): string {
  const i = [...code].findIndex((ch, k) => k + 1 < code.length && ch !== code.charAt(k + 1));
  return code.slice(0, i) + code.charAt(i + 1) + code.charAt(i) + code.slice(i + 2);
}

describe('codes that do not work', () => {
  it.each([
    ['malformed', () => 'ABC', 404, 'Ein Code hat 7 Zeichen'],
    ['mistyped (one character wrong)', (code: string) => code.slice(0, 6) + (code[6] === 'A' ? 'B' : 'A'), 404, 'Vielleicht ist ein Zeichen vertauscht'],
    ['mistyped (two characters swapped)', swapFirstDifferentNeighbours, 404, 'Vielleicht ist ein Zeichen vertauscht'],
    ['valid but unknown', () => codeFromNumber(12345), 404, 'Zu diesem Code gibt es keinen Papierkorb.'],
  ])('%s: %s page with the code form and the map link', async (_name, make, status, message) => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const code = make(bin.code);
    expect(code).not.toBe(bin.code);
    const res = await app.request(`/B/${code}`);
    expect(res.status).toBe(status);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain('<form method="get" action="/code"');
    expect(html).toContain('<a href="/melden">');
    expect((await pressBin(app, code, 'full')).status).toBe(status);
  });

  it('says that a revoked sticker was replaced (410), and the new code works', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const { newCode } = await reissueBinCode(ctx.db, bin.code, ctx.clock.now().toISOString());
    const res = await app.request(`/B/${bin.code}`);
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(html).toContain('Dieser Aufkleber wurde ersetzt.');
    expect(html).toContain('action="/code"');
    expect((await pressBin(app, bin.code, 'full')).status).toBe(410);
    expect((await app.request(`/B/${newCode}`)).status).toBe(200);
  });

  it('says that a retired bin is out of service (410)', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    await retireBin(ctx.db, bin.code, ctx.clock.now().toISOString());
    const res = await app.request(`/B/${bin.code}?lang=en`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('This litter bin is no longer in service.');
  });
});

describe('/code', () => {
  it('shows a form', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/code')).text();
    expect(html).toContain('<label for="code">Code vom Aufkleber</label>');
  });

  it('tolerates case, spaces, dashes and the look-alikes O/0 and I/L/1', async () => {
    const { app, ctx } = await createTestApp();
    const bins = await ctx.db.selectFrom('bins').select('code').execute();
    const bin = bins.find((b) => /[01]/.test(b.code))!;
    const typed = ` ${bin.code.slice(0, 3).toLowerCase()} - ${bin.code.slice(3)} `.replace(/0/g, 'o').replace(/1/g, 'l');
    const res = await app.request(`/code?code=${encodeURIComponent(typed)}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/B/${bin.code}`);
    const en = await app.request(`/code?code=${bin.code}&lang=en`);
    expect(en.headers.get('location')).toBe(`/B/${bin.code}?lang=en`);
  });

  it('keeps what was typed and says what is wrong', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const short = await app.request('/code?code=AB%3C');
    expect(short.status).toBe(400);
    const html = await short.text();
    expect(html).toContain('value="AB&lt;"');
    expect(html).toContain('Ein Code hat 7 Zeichen');
    const typo = bin.code.slice(0, 6) + (bin.code[6] === 'Z' ? 'Y' : 'Z');
    expect((await app.request(`/code?code=${typo}`)).status).toBe(404);
  });
});

describe('privacy of the Müllmelder', () => {
  it('sets no cookie on any of its routes', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const responses = [
      await app.request(`/B/${bin.code}`),
      await pressBin(app, bin.code, 'full'),
      await app.request(`/B/${bin.code}/danke?grund=full`),
      await app.request('/code'),
      await app.request(`/code?code=${bin.code}`),
      await app.request('/B/ZZZZZZZ'),
      await app.request('/open-data/bins.geojson'),
      await app.request(`/qr/${bin.code}.svg`),
      await app.request(`/qr/${bin.code}.png`),
    ];
    for (const res of responses) {
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });
});
