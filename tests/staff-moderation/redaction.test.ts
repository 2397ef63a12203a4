// Photo redaction through app.request(), checked on the pixels of the files the server writes and on
// what the public photo route answers afterwards.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRedactionRect, toPixelRect } from '../../server/photo-redaction.ts';
import { moderationPaths as paths } from '../../server/paths.ts';
import { eventsOf, makePhotoDir, moderationSetup, photoFiles, pixels, post } from './helpers.ts';

let photoDir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ photoDir, cleanup } = await makePhotoDir()));
afterEach(() => cleanup());

type Setup = Awaited<ReturnType<typeof moderationSetup>>;

const photoRow = (s: Setup, id = s.photos[0]!.id) => s.ctx.db.selectFrom('photos').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** JPEG blocks are 8 px (16 px for colour): stay that far from an edge when asserting "all black" or "not black". */
const MARGIN = 8;

describe('parseRedactionRect', () => {
  it('accepts percentages with a decimal comma or point', () => {
    expect(parseRedactionRect({ x: '12,5', y: '0', breite: '87.5', hoehe: '100' })).toEqual({ ok: true, rect: { x: 12.5, y: 0, width: 87.5, height: 100 } });
  });
  it.each([
    [{ x: '', y: '1', breite: '1', hoehe: '1' }, { x: 'staff.moderation.redact.required' }],
    [{ x: 'abc', y: '1', breite: '1', hoehe: '1' }, { x: 'staff.moderation.redact.notNumber' }],
    [{ x: '1e3', y: '1', breite: '1', hoehe: '1' }, { x: 'staff.moderation.redact.notNumber' }],
    [{ x: '-1', y: '1', breite: '1', hoehe: '1' }, { x: 'staff.moderation.redact.outside' }],
    [{ x: '100', y: '1', breite: '1', hoehe: '1' }, { x: 'staff.moderation.redact.outside' }],
    [{ x: '1', y: '101', breite: '1', hoehe: '1' }, { y: 'staff.moderation.redact.outside' }],
    [{ x: '1', y: '1', breite: '0', hoehe: '0,0' }, { breite: 'staff.moderation.redact.empty', hoehe: 'staff.moderation.redact.empty' }],
    [{ x: '60', y: '1', breite: '41', hoehe: '1' }, { breite: 'staff.moderation.redact.beyondRight' }],
    [{ x: '1', y: '50', breite: '1', hoehe: '50,5' }, { hoehe: 'staff.moderation.redact.beyondBottom' }],
  ])('refuses %j with %j', (input, errors) => {
    expect(parseRedactionRect(input)).toEqual({ ok: false, errors });
  });
  it('rounds pixels outwards and never leaves the image', () => {
    expect(toPixelRect({ x: 25, y: 20, width: 50, height: 40 }, 400, 300)).toEqual({ left: 100, top: 60, width: 200, height: 120 });
    expect(toPixelRect({ x: 10.1, y: 0, width: 0.01, height: 100 }, 400, 300)).toEqual({ left: 40, top: 0, width: 1, height: 300 });
    expect(toPixelRect({ x: 99.99, y: 99.99, width: 0.01, height: 0.01 }, 400, 300)).toEqual({ left: 399, top: 299, width: 1, height: 1 });
  });
});

describe('POST …/fotos/{id}/schwaerzen', () => {
  it('writes a new black-rectangle copy under a new name; the public gets only that copy, the original URL is 404', async () => {
    const s = await moderationSetup(photoDir);
    const original = s.photos[0]!;
    await post(s.tiefbau, paths.publishPhoto(s.report.id, original.id));
    expect((await s.app.request(`/fotos/${original.file}`)).status).toBe(200);

    const res = await post(s.tiefbau, paths.redact(s.report.id, original.id), { x: '25', y: '20', breite: '50', hoehe: '40' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/intern/meldungen/${s.report.id}#moderation`);

    const row = await photoRow(s);
    expect(row.redacted_file).toMatch(/^[A-Za-z0-9_-]{22}\.jpg$/);
    expect(row.redacted_file).not.toBe(original.file);
    expect(row.file).toBe(original.file); // the original stays for staff
    expect(await photoFiles(photoDir)).toEqual([original.file, row.redacted_file!].sort());

    // The pixels: black inside the rectangle (200 x 120 px at 100,60), the grey photo outside.
    const copy = await readFile(join(photoDir, row.redacted_file!));
    const img = await pixels(copy);
    expect([img.width, img.height]).toEqual([400, 300]);
    expect(img.range(100 + MARGIN, 60 + MARGIN, 200 - 2 * MARGIN, 120 - 2 * MARGIN).max).toBeLessThanOrEqual(12);
    for (const [l, t, w, h] of [
      [0, 0, 400, 60 - MARGIN], // above
      [0, 180 + MARGIN, 400, 120 - MARGIN], // below
      [0, 0, 100 - MARGIN, 300], // left
      [300 + MARGIN, 0, 100 - MARGIN, 300], // right
    ] as const) {
      expect(img.range(l, t, w, h).min, `${l},${t} ${w}x${h}`).toBeGreaterThan(170);
    }
    // No metadata in the copy: a JPEG with EXIF or XMP has an APP1 segment (FF E1).
    expect(copy.includes(Buffer.from([0xff, 0xe1]))).toBe(false);

    // The original's public URL answers 404 now; the copy is served, cacheable for a year.
    expect((await s.app.request(`/fotos/${original.file}`)).status).toBe(404);
    const served = await s.app.request(`/fotos/${row.redacted_file}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await served.arrayBuffer()).equals(copy)).toBe(true);

    // The public report page links the copy and never the original.
    const page = await (await s.app.request(`/m/${s.report.id}`)).text();
    expect(page).toContain(`/fotos/${row.redacted_file}`);
    expect(page).not.toContain(original.file);

    const events = await eventsOf(s.ctx, s.report.id);
    expect(events.at(-1)).toEqual({ type: 'photo_redacted', actor: `staff:${s.tiefbau.staff.id}`, public: 0, body: `photo ${original.id}: x 25 %, y 20 %, 50 × 40 %` });
  });

  it('a second rectangle goes onto the first copy, which is then deleted; staff URLs serve both versions uncached', async () => {
    const s = await moderationSetup(photoDir);
    const original = s.photos[0]!;
    await post(s.tiefbau, paths.redact(s.report.id, original.id), { x: '0', y: '0', breite: '25', hoehe: '25' });
    const first = (await photoRow(s)).redacted_file!;
    const more = await post(s.tiefbau, paths.redact(s.report.id, original.id), { x: '75', y: '75', breite: '25', hoehe: '25', weiter: '1' });
    expect(more.headers.get('Location')).toBe(`${paths.redact(s.report.id, original.id)}?gespeichert=1`);
    const second = (await photoRow(s)).redacted_file!;
    expect(second).not.toBe(first);
    expect(await photoFiles(photoDir)).toEqual([original.file, second].sort()); // the first copy is gone

    const redacted = await s.tiefbau.request(paths.redacted(original.id));
    expect(redacted.status).toBe(200);
    expect(redacted.headers.get('Cache-Control')).toBe('no-store');
    const img = await pixels(await redacted.arrayBuffer());
    expect(img.range(MARGIN, MARGIN, 100 - 2 * MARGIN, 75 - 2 * MARGIN).max).toBeLessThanOrEqual(12); // top left, from the first copy
    expect(img.range(300 + MARGIN, 225 + MARGIN, 100 - 2 * MARGIN, 75 - 2 * MARGIN).max).toBeLessThanOrEqual(12); // bottom right
    expect(img.range(100 + MARGIN, 75 + MARGIN, 200 - 2 * MARGIN, 150 - 2 * MARGIN).min).toBeGreaterThan(170); // the middle untouched

    const orig = await s.tiefbau.request(paths.original(original.id));
    expect(orig.status).toBe(200);
    expect(orig.headers.get('Cache-Control')).toBe('no-store');
    expect((await pixels(await orig.arrayBuffer())).range(0, 0, 400, 300).min).toBeGreaterThan(170); // the original has no black

    // The redaction page shows the copy now and says it was saved.
    const html = await (await s.tiefbau.request(`${paths.redact(s.report.id, original.id)}?gespeichert=1`)).text();
    expect(html).toContain(`src="${paths.redacted(original.id)}"`);
    expect(html).toContain('Der Bereich ist geschwärzt.');
    expect((await eventsOf(s.ctx, s.report.id)).map((e) => e.type)).toEqual(['photo_redacted', 'photo_redacted']);
  });

  it('undo goes back to the original with its own event; the copy is deleted and the original is public again', async () => {
    const s = await moderationSetup(photoDir);
    const original = s.photos[0]!;
    await post(s.tiefbau, paths.publishPhoto(s.report.id, original.id));
    await post(s.tiefbau, paths.redact(s.report.id, original.id), { x: '10', y: '10', breite: '10', hoehe: '10' });
    const copy = (await photoRow(s)).redacted_file!;
    const res = await post(s.tiefbau, paths.unredact(s.report.id, original.id));
    expect(res.status).toBe(303);
    expect((await photoRow(s)).redacted_file).toBeNull();
    expect(await photoFiles(photoDir)).toEqual([original.file]);
    expect((await s.app.request(`/fotos/${original.file}`)).status).toBe(200);
    expect((await s.app.request(`/fotos/${copy}`)).status).toBe(404);
    expect((await s.tiefbau.request(paths.redacted(original.id))).status).toBe(404);
    expect((await eventsOf(s.ctx, s.report.id)).map((e) => e.type)).toEqual(['photo_published', 'photo_redacted', 'photo_unredacted']);
  });

  it('refuses bad rectangles with 422, the German message at the field and the input kept; nothing written', async () => {
    const s = await moderationSetup(photoDir);
    const photo = s.photos[0]!;
    const res = await post(s.tiefbau, paths.redact(s.report.id, photo.id), { x: '80', y: '10', breite: '30', hoehe: '0' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<title>Fehler: Foto 1 der Meldung');
    expect(html).toMatch(/id="rect-breite-error">Das Rechteck reicht über den rechten Bildrand hinaus/);
    expect(html).toMatch(/id="rect-hoehe-error">Das Rechteck hat keine Fläche/);
    expect(html).toMatch(/name="x" value="80"/);
    expect(html).toMatch(/name="breite" value="30"/);
    expect(html).toMatch(/id="rect-breite"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="rect-breite"/);
    expect((await photoRow(s)).redacted_file).toBeNull();
    expect(await photoFiles(photoDir)).toEqual([photo.file]);
    expect(await eventsOf(s.ctx, s.report.id)).toEqual([]);

    const en = await post(s.tiefbau, `${paths.redact(s.report.id, photo.id)}?lang=en`, { x: '-5', y: '', breite: 'viel', hoehe: '10' });
    expect(en.status).toBe(422);
    const text = await en.text();
    expect(text).toContain('The value lies outside the image');
    expect(text).toContain('Please enter a number between 0 and 100.');
    expect(text).toContain('That is not a number.');
  });

  it('refusals: no CSRF token, another department, a crew, anonymous, a photo of another report; nothing written', async () => {
    const s = await moderationSetup(photoDir);
    const photo = s.photos[0]!;
    const rect = { x: '10', y: '10', breite: '10', hoehe: '10' };
    const path = paths.redact(s.report.id, photo.id);
    expect((await post(s.tiefbau, path, rect, null)).status).toBe(403);
    expect((await post(s.other, path, rect)).status).toBe(403);
    expect((await post(s.crew, path, rect)).status).toBe(403);
    expect((await s.app.request(path, { method: 'POST', body: new URLSearchParams({ ...rect, csrf: s.tiefbau.csrfToken }) })).status).toBe(401);
    expect((await s.app.request(path)).status).toBe(303); // a page: to the login
    expect((await s.other.request(path)).status).toBe(403);
    const { createReport } = await import('../helpers.ts');
    const foreign = await createReport(s.ctx, { description: 'anders' });
    expect((await post(s.tiefbau, paths.redact(foreign.id, photo.id), rect)).status).toBe(404);
    expect((await post(s.tiefbau, paths.unredact(foreign.id, photo.id))).status).toBe(404);
    expect((await post(s.other, paths.unredact(s.report.id, photo.id))).status).toBe(403);
    expect((await photoRow(s)).redacted_file).toBeNull();
    expect(await photoFiles(photoDir)).toEqual([photo.file]);
    expect(await eventsOf(s.ctx, s.report.id)).toEqual([]);
  });

  it('staff photo URLs: 403 for another department, 404 for unknown ids or removed files, 303/401 without a session', async () => {
    const s = await moderationSetup(photoDir);
    const id = s.photos[0]!.id;
    expect((await s.tiefbau.request(paths.original(id))).status).toBe(200);
    expect((await s.tiefbau.request(paths.redacted(id))).status).toBe(404); // no copy yet
    expect((await s.other.request(paths.original(id))).status).toBe(403);
    expect((await s.crew.request(paths.original(id))).status).toBe(403);
    expect((await s.tiefbau.request(paths.original(999999))).status).toBe(404);
    expect((await s.app.request(paths.original(id))).status).toBe(303);
    expect((await s.app.request(paths.original(id), { headers: { Accept: 'application/json' } })).status).toBe(401);
    await s.ctx.db.updateTable('photos').set({ removed_at: s.ctx.clock.now().toISOString() }).execute();
    expect((await s.tiefbau.request(paths.original(id))).status).toBe(404);
  });

  it('a redaction based on a copy that changed in between is refused with 409 and leaves no file behind', async () => {
    const s = await moderationSetup(photoDir);
    const photo = s.photos[0]!;
    const { redactPhoto } = await import('../../server/photo-redaction.ts');
    const stale = await photoRow(s); // read before a colleague's redaction
    await post(s.tiefbau, paths.redact(s.report.id, photo.id), { x: '10', y: '10', breite: '10', hoehe: '10' });
    const current = (await photoRow(s)).redacted_file!;
    await expect(redactPhoto(s.ctx, stale, { x: 50, y: 50, width: 10, height: 10 }, 'staff:1')).rejects.toMatchObject({ status: 409 });
    expect((await photoRow(s)).redacted_file).toBe(current);
    expect(await photoFiles(photoDir)).toEqual([photo.file, current].sort());
    expect((await eventsOf(s.ctx, s.report.id)).map((e) => e.type)).toEqual(['photo_redacted']);
  });
});
