// Fuzz: every hostile file of tests/fuzz/images.ts, alone in an otherwise valid report (and in the
// districts import, and where no file belongs). Bombs, SVG with script and files that are no image are
// refused with the photo's message; polyglots of allowed formats are stored, re-encoded, without their
// payload. Every answer and write passes the checks of tests/fuzz/checks.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, routeKey } from './catalogue.ts';
import { createFuzzWorld, type FuzzWorld } from './fixture.ts';
import { makeHostileFiles, type HostileFiles } from './images.ts';
import { sendAndCheck } from './run.ts';
import type { RequestPlan } from './send.ts';
import type { FieldValue } from './hostile.ts';
import { isMessageIn } from './checks.ts';
import { messageTexts } from './html.ts';

let world: FuzzWorld;
let files: HostileFiles;

beforeAll(async () => {
  [world, files] = await Promise.all([createFuzzWorld(), makeHostileFiles()]);
});
afterAll(() => world.close());

const spec = (key: string) => CATALOGUE.find((s) => routeKey(s) === key)!;
let client = 0;

function plan(params: Record<string, string>, fields: Array<[string, FieldValue]>, lang: RequestPlan['lang'] = 'none'): RequestPlan {
  client += 1;
  return { params, query: [], lang, cookie: 'session', accept: 'html', origin: 'same', fields, body: { kind: 'multipart', boundary: 'fzqboundary' }, csrf: 'valid', formToken: 'valid', client: `203.0.113.${client}` };
}

function reportWith(file: string, lang: RequestPlan['lang'] = 'none'): RequestPlan {
  const { lat, lon } = world.fixture.point;
  return plan({ slug: 'strassenschaden' }, [['lat', String(lat)], ['lon', String(lon)], ['beschreibung', 'Mit Foto'], ['trotzdem', '1'], ['fotos', { file }]], lang);
}

/** Allowed formats carrying a payload: accepted, but only as pixels the server encoded itself. */
const STORED = ['jpeg-html.jpg', 'png-html.png', '../../../etc/passwd'];

describe('hostile files as the photo of a report', () => {
  const REFUSED = ['bombe.png', 'bombe-kaputt.png', 'riesig.jpg', 'gzip-bombe.png', 'skript.svg', 'skript.jpg', 'gif-js.gif', 'nur-kopf.jpg', 'leer.jpg', '<fzq-name>.jpg', '\u202Egpj.exe'];
  // Every other file in English, so that both languages' photo messages are checked.
  it.each(REFUSED.map((name, i) => [name, i % 2 ? 'en' : 'de'] as const))('%s is refused with the photo’s message (%s), and nothing is written', async (name, reader) => {
    const { status, problems, text } = await sendAndCheck(world, files, spec('POST /melden/:slug'), reportWith(name, reader === 'en' ? 'query-en' : 'none'));
    expect(problems).toEqual([]);
    // The form comes back with the photo's message at the photo field, and the photo's own status:
    // 413 for too many bytes or pixels, 422 for what is no usable image.
    expect([413, 422]).toContain(status);
    expect(messageTexts(text).filter((t) => isMessageIn(reader, t, 'photo.'))).not.toEqual([]);
  });

  it.each(STORED)('%s is stored re-encoded, without what the upload carried besides the pixels', async (name) => {
    const before = await world.ctx.db.selectFrom('photos').select('id').execute();
    const { status, problems } = await sendAndCheck(world, files, spec('POST /melden/:slug'), reportWith(name));
    expect(problems).toEqual([]);
    expect(status).toBe(303);
    const after = await world.ctx.db.selectFrom('photos').select(['id', 'mime']).execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)!.mime).toBe('image/jpeg');
  });

  it('a highly compressible image under the pixel limit is decoded and stored, not a crash', async () => {
    const { status, problems } = await sendAndCheck(world, files, spec('POST /melden/:slug'), reportWith(files.heavy.name));
    expect(problems).toEqual([]);
    expect(status).toBe(303);
  });

  it('four photos at once are refused together, nothing of them stored', async () => {
    const { lat, lon } = world.fixture.point;
    const four: Array<[string, FieldValue]> = [['lat', String(lat)], ['lon', String(lon)], ['trotzdem', '1'], ...['foto.jpg', 'foto.png', 'jpeg-html.jpg', 'png-html.png'].map((file): [string, FieldValue] => ['fotos', { file }])];
    const { status, problems, text } = await sendAndCheck(world, files, spec('POST /melden/:slug'), plan({ slug: 'strassenschaden' }, four));
    expect(problems).toEqual([]);
    expect(status).toBe(400);
    expect(messageTexts(text).filter((t) => isMessageIn('de', t, 'photo.tooMany'))).not.toEqual([]);
  });
});

describe('hostile files elsewhere', () => {
  it.each(['skript.svg', 'gif-js.gif', 'gzip-bombe.png', 'png-html.png', 'leer.jpg'])('%s as the districts file is refused and changes no district', async (name) => {
    const { status, problems } = await sendAndCheck(world, files, spec('POST /intern/verwaltung/ortsbezirke/import'), plan({}, [['nameProperty', 'name'], ['file', { file: name }]], 'query-en'));
    expect(problems).toEqual([]);
    expect(status).toBe(422);
  });

  it('a file where a form expects text is no reason', async () => {
    const { status, problems } = await sendAndCheck(world, files, spec('POST /B/:code'), plan({ code: world.fixture.binCode }, [['reason', { file: 'skript.svg' }], ['text', { file: 'gif-js.gif' }]]));
    expect(problems).toEqual([]);
    expect(status).toBe(400);
  });
});
