// The fuzz checks themselves: each one must find what it is there to find (an unescaped echo, a
// trace, a message in the wrong language, an open redirect, a write on a refusal), and must not
// complain about what is fine (escaped text inside an attribute, a message with a parameter).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerProblems, countRows, injectionsIn, isMessageIn, writeProblems, type Answer } from './checks.ts';
import { createFuzzWorld, takeWrites, type FuzzWorld } from './fixture.ts';
import { messageTexts } from './html.ts';
import { en } from '../../server/i18n/en.ts';

const BAD_FORM_DE = 'Das Formular kam unvollständig oder beschädigt an. Bitte laden Sie die Seite neu und senden Sie es noch einmal.';
const BAD_FORM_EN = en['error.badForm'];

const answer = (status: number, text: string, headers: Record<string, string> = {}): Answer => ({
  status,
  text,
  headers: new Headers({ 'Content-Type': 'text/html; charset=UTF-8', 'Content-Language': 'de', ...headers }),
});

const errorPage = (message: string) => `<html><body><h1>Fehler</h1><p class="lead" role="alert">${message}</p></body></html>`;

describe('finding unescaped echoes', () => {
  it('finds elements, attributes, scripts and javascript: links from the input', () => {
    expect(injectionsIn('<p><fzq-a>x</fzq-a></p>')).toHaveLength(1);
    expect(injectionsIn('<input value=""><fzq-b>">')).toEqual(['an element <fzq-b> from the input']);
    expect(injectionsIn('<input value="" fzq-h="1">')).toEqual(['an attribute fzq-h from the input on <input>']);
    expect(injectionsIn('<img src=x fzqonerror=1>')).toHaveLength(1);
    expect(injectionsIn('<textarea></textarea><script>fzq_x()</script>')).toEqual(['a <script> element from the input']);
    expect(injectionsIn('<a href="javascript:fzq_x()">x</a>')).toEqual(['a javascript: URL in href of <a>']);
  });

  it('accepts the same text escaped, in text and in attribute values', () => {
    const escaped = '<p>&lt;fzq-a&gt;x&lt;/fzq-a&gt;</p><input value="&quot;&gt;&lt;fzq-b&gt; fzq-h=&quot;1"><textarea>&lt;/textarea&gt;&lt;script&gt;fzq_x()&lt;/script&gt;</textarea><a href="/x?q=javascript:fzq_x()">x</a>';
    expect(injectionsIn(escaped)).toEqual([]);
    expect(injectionsIn('<script type="application/json">{"name":"\\u003cfzq-a>"}</script>')).toEqual([]);
  });
});

describe('the message of a refusal', () => {
  it('is read from alerts and field messages, entities decoded', () => {
    expect(messageTexts('<div class="error-summary" role="alert"><h2>Bitte prüfen</h2><ul><li><a href="#x">Zu &lt;lang&gt;</a></li></ul></div><p class="field-error">Feld</p>')).toEqual(['Bitte prüfen', 'Zu <lang>', 'Feld']);
  });

  it('is recognised in its language, parameters and all', () => {
    expect(isMessageIn('de', BAD_FORM_DE)).toBe(true);
    expect(isMessageIn('en', BAD_FORM_DE)).toBe(false);
    expect(isMessageIn('en', BAD_FORM_EN)).toBe(true);
    expect(isMessageIn('de', 'Cannot read properties of undefined')).toBe(false);
  });

  it('must be there, in the reader’s language, on every 4xx page and in every 4xx JSON', () => {
    expect(answerProblems(answer(400, errorPage(BAD_FORM_DE)), 'de')).toEqual([]);
    expect(answerProblems(answer(400, '<html><body><h1>Fehler</h1></body></html>'), 'de')).toEqual([expect.stringContaining('no message in de')]);
    expect(answerProblems(answer(400, errorPage(BAD_FORM_EN), { 'Content-Language': 'en' }), 'de')).toEqual(
      expect.arrayContaining([expect.stringContaining('Content-Language en'), expect.stringContaining('a message in en instead of de')]),
    );
    const json = { 'Content-Type': 'application/json', 'X-Content-Type-Options': 'nosniff' };
    expect(answerProblems(answer(413, JSON.stringify({ error: { status: 413, message: 'Die Anfrage ist zu groß.' } }), json), 'de')).toEqual([]);
    expect(answerProblems(answer(413, JSON.stringify({ error: { status: 413, message: 'too large' } }), json), 'de')).toEqual([expect.stringContaining('no message in de')]);
    expect(answerProblems(answer(404, 'Not Found', { 'Content-Type': 'text/plain' }), 'de')).toEqual([expect.stringContaining('neither a page nor JSON')]);
  });
});

describe('crashes, redirects and headers', () => {
  it('refuses a 5xx and any trace of a crash', () => {
    expect(answerProblems(answer(500, errorPage('Auf dem Server ist ein Fehler aufgetreten.')), 'de')).toContain('status 500');
    const trace = 'TypeError: x is not a function\n    at handler (/work/wt-fuzz/server/routes/scan.tsx:85:64)';
    expect(answerProblems(answer(200, `<pre>${trace}</pre>`), 'de').length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a redirect to another site and a header made from the input', () => {
    expect(answerProblems(answer(303, '', { Location: '/m/1?unterstuetzt=1' }), 'de')).toEqual([]);
    expect(answerProblems(answer(303, '', { Location: '//evil.example/x' }), 'de')).toEqual([expect.stringContaining('a redirect to')]);
    expect(answerProblems(answer(303, '', { Location: 'https://evil.example/' }), 'de')).toEqual([expect.stringContaining('a redirect to')]);
    expect(answerProblems(answer(303, '', { Location: '/intern', 'Set-Cookie': 'fzq=1' }), 'de')).toEqual([expect.stringContaining('a header made from the input')]);
  });
});

describe('writes', () => {
  let world: FuzzWorld;
  beforeAll(async () => {
    world = await createFuzzWorld();
  });
  afterAll(() => world.close());

  it('a refusal may not write, a success may; counted rows change only with a 303', async () => {
    await takeWrites(world.ctx.db);
    const before = await countRows(world);
    await world.ctx.db.updateTable('reports').set({ support_count: 5 }).where('id', '=', world.fixture.openReport).execute();
    expect(await writeProblems(world, 409, before)).toEqual(['a 409 answer, but rows were written in reports']);
    await world.ctx.db.updateTable('reports').set({ support_count: 6 }).where('id', '=', world.fixture.openReport).execute();
    expect(await writeProblems(world, 303, before)).toEqual([]);
    await world.ctx.db.insertInto('report_events').values({ report_id: world.fixture.openReport, type: 'supported', created_at: '2026-11-21T10:00:00.000Z' }).execute();
    expect(await writeProblems(world, 200, await countRows(world).then((c) => ({ ...c, report_events: c.report_events - 1 })))).toEqual([expect.stringContaining('a 200 answer changed the number of report_events')]);
  });

  it('finds a report without its created event and a file without a row', async () => {
    const { writeFile } = await import('node:fs/promises');
    await world.ctx.db.deleteFrom('report_events').where('report_id', '=', world.fixture.closedReport).where('type', '=', 'created').execute();
    await writeFile(`${world.photoDir}/AAAAAAAAAAAAAAAAAAAAAA.jpg`, 'x');
    const problems = await writeProblems(world, 303, await countRows(world));
    expect(problems).toEqual(
      expect.arrayContaining([`reports without their 'created' event: ${world.fixture.closedReport}`, 'a file without a row in the photo directory: AAAAAAAAAAAAAAAAAAAAAA.jpg']),
    );
  });
});
