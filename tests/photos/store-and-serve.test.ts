// savePhotos, the photo rows and GET /fotos/{file}: real files in a temporary directory, a real
// (in-memory) SQLite database, requests through app.request().
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPhotos, listPublishedPhotos, publishPhoto } from '../../db/photos.ts';
import { listReportEvents } from '../../db/reports.ts';
import { createApp } from '../../server/app.ts';
import { deletePhotoFiles, isPhotoFileName, preparePhotos, savePhotos, type PreparedPhoto } from '../../server/photos.ts';
import { createReport, createTestContext, FIXED_NOW } from '../helpers.ts';
import { file, jpegMarkers, jpegWithGps, plain, readGps } from './images.ts';

const NOW = FIXED_NOW.toISOString();
const LATER = new Date(FIXED_NOW.getTime() + 3_600_000).toISOString();

let tmp: string;
let photoDir: string;

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'stadtmelder-photos-'));
  photoDir = join(tmp, 'data', 'photos'); // does not exist yet: savePhotos creates it
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function setup() {
  const ctx = await createTestContext({ config: { photoDir } });
  const report = await createReport(ctx);
  return { ctx, app: createApp(ctx), report };
}

async function twoPhotos(): Promise<PreparedPhoto[]> {
  return preparePhotos([file(await plain(40, 30).png().toBuffer(), 'a.png', 'image/png'), file(await plain(30, 40).jpeg().toBuffer(), 'b.jpg')]);
}

describe('savePhotos', () => {
  it('writes the files under server-chosen names, then unpublished rows', async () => {
    const { ctx, report } = await setup();
    const prepared = await twoPhotos();
    const photos = await savePhotos(ctx.db, photoDir, report.id, prepared, NOW);

    expect(photos).toHaveLength(2);
    for (const [i, photo] of photos.entries()) {
      expect(photo.file).toMatch(/^[A-Za-z0-9_-]{22}\.jpg$/);
      expect(isPhotoFileName(photo.file)).toBe(true);
      expect(photo).toMatchObject({ report_id: report.id, mime: 'image/jpeg', published: 0, created_at: NOW, removed_at: null });
      expect(photo).toMatchObject({ width: prepared[i]!.width, height: prepared[i]!.height, bytes: prepared[i]!.bytes });
      expect((await readFile(join(photoDir, photo.file))).equals(prepared[i]!.buffer)).toBe(true);
    }
    expect(photos[0]!.file).not.toBe(photos[1]!.file);
    expect((await readdir(photoDir)).sort()).toEqual(photos.map((p) => p.file).sort()); // no temporary files left
    expect(await listPhotos(ctx.db, report.id)).toEqual(photos);
    expect(await listPublishedPhotos(ctx.db, report.id)).toEqual([]);
  });

  it('leaves no file behind when the rows cannot be written', async () => {
    const { ctx } = await setup();
    const prepared = await twoPhotos();
    await expect(savePhotos(ctx.db, photoDir, 999_999, prepared, NOW)).rejects.toThrow(/FOREIGN KEY/i);
    expect(await readdir(photoDir)).toEqual([]);
    expect(await ctx.db.selectFrom('photos').selectAll().execute()).toEqual([]);
  });

  it("joins the caller's transaction: its rollback takes the rows along", async () => {
    const { ctx, report } = await setup();
    const prepared = await twoPhotos();
    let files: string[] = [];
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        files = (await savePhotos(trx, photoDir, report.id, prepared, NOW)).map((p) => p.file);
        throw new Error('the report could not be filed');
      }),
    ).rejects.toThrow('the report could not be filed');
    expect(await listPhotos(ctx.db, report.id)).toEqual([]);
    // The caller cleans up, as documented.
    expect((await readdir(photoDir)).sort()).toEqual([...files].sort());
    await deletePhotoFiles(photoDir, files);
    expect(await readdir(photoDir)).toEqual([]);
  });

  it('does nothing for no photos', async () => {
    const { ctx, report } = await setup();
    expect(await savePhotos(ctx.db, photoDir, report.id, [], NOW)).toEqual([]);
    expect(await listPhotos(ctx.db, report.id)).toEqual([]);
  });
});

describe('deletePhotoFiles', () => {
  it('deletes, accepts files that are gone, and refuses names that are not photo names', async () => {
    const { ctx, report } = await setup();
    const [a, b] = await savePhotos(ctx.db, photoDir, report.id, await twoPhotos(), NOW);
    await deletePhotoFiles(photoDir, [a!.file, 'AAAAAAAAAAAAAAAAAAAAAA.jpg']);
    expect(await readdir(photoDir)).toEqual([b!.file]);

    await writeFile(join(tmp, 'data', 'secret'), 'keep me');
    await expect(deletePhotoFiles(photoDir, ['../secret', b!.file])).rejects.toThrow(/could not delete 1 photo file/);
    expect(await readFile(join(tmp, 'data', 'secret'), 'utf8')).toBe('keep me');
    expect(await readdir(photoDir)).toEqual([]); // the valid name was still deleted
  });
});

describe('GET /fotos/{file}', () => {
  it('serves a published photo byte for byte, without the GPS position the upload had', async () => {
    const { ctx, app, report } = await setup();
    const upload = await jpegWithGps();
    expect(readGps((await sharp(upload).metadata()).exif!)).toMatchObject({ latitudeRef: 'N', latitude: [50, 0, 0] });

    const [photo] = await savePhotos(ctx.db, photoDir, report.id, await preparePhotos([file(upload, 'IMG_0042.jpg')]), NOW);
    const stored = await readFile(join(photoDir, photo!.file));
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(jpegMarkers(stored).filter((m) => m >= 0xe1 && m <= 0xef)).toEqual([]);

    expect((await app.request(`/fotos/${photo!.file}`)).status).toBe(404);

    const published = await publishPhoto(ctx.db, photo!.id, LATER, 'staff:test');
    expect(published.published).toBe(1);
    const res = await app.request(`/fotos/${photo!.file}`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/jpeg');
    expect(res.headers.get('Cache-Control')).toMatch(/max-age=\d{7,}/);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Content-Encoding')).toBeNull();
    const served = Buffer.from(await res.arrayBuffer());
    expect(served.equals(stored)).toBe(true);
    expect(res.headers.get('Content-Length')).toBe(String(stored.length));
    expect((await sharp(served).metadata()).exif).toBeUndefined();

    expect(await listPublishedPhotos(ctx.db, report.id)).toEqual([published]);
    await ctx.db.updateTable('photos').set({ removed_at: LATER }).where('id', '=', photo!.id).execute();
    expect((await app.request(`/fotos/${photo!.file}`)).status).toBe(404);
    expect(await listPublishedPhotos(ctx.db, report.id)).toEqual([]);
  });

  it('does not serve photos of a hidden report', async () => {
    const { ctx, app, report } = await setup();
    const [photo] = await savePhotos(ctx.db, photoDir, report.id, await twoPhotos(), NOW);
    await publishPhoto(ctx.db, photo!.id, LATER);
    expect((await app.request(`/fotos/${photo!.file}`)).status).toBe(200);
    await ctx.db.updateTable('reports').set({ hidden: 1 }).where('id', '=', report.id).execute();
    expect((await app.request(`/fotos/${photo!.file}`)).status).toBe(404);
  });

  it('is a 404 in the asked language for a published row whose file is gone', async () => {
    const { ctx, app, report } = await setup();
    const [photo] = await savePhotos(ctx.db, photoDir, report.id, await twoPhotos(), NOW);
    await publishPhoto(ctx.db, photo!.id, LATER);
    await deletePhotoFiles(photoDir, [photo!.file]);
    const res = await app.request(`/fotos/${photo!.file}?lang=en`, { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { status: 404, message: 'This photo does not exist or is not public.' } });
    const de = await app.request(`/fotos/${photo!.file}`);
    expect(await de.text()).toContain('Dieses Foto gibt es nicht oder es ist nicht öffentlich.');
  });

  it.each([
    '../secret',
    '..%2Fsecret',
    '..%2F..%2Fdata%2Fsecret',
    '%2E%2E%2Fsecret',
    'x.png',
    'AAAAAAAAAAAAAAAAAAAAAA.png',
    'AAAAAAAAAAAAAAAAAAAAAA.jpg', // the right shape, but no such photo
    'AAAAAAAAAAAAAAAAAAAAAA.jpg%00',
    '.AAAAAAAAAAAAAAAAAAAAAA.jpg.0123456789ab.tmp',
    'secret',
  ])('is a 404 for /fotos/%s', async (name) => {
    const { app } = await setup();
    await writeFile(join(tmp, 'secret'), 'secret');
    const res = await app.request(`/fotos/${name}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('secret\n');
  });

  it('never serves a file of the photo directory that has no published row', async () => {
    const { app } = await setup();
    const stray = 'BBBBBBBBBBBBBBBBBBBBBB.jpg';
    await mkdir(photoDir, { recursive: true });
    await writeFile(join(photoDir, stray), await plain(10, 10).jpeg().toBuffer());
    expect((await app.request(`/fotos/${stray}`)).status).toBe(404);
  });
});

describe('publishPhoto', () => {
  it('publishes once, with a history row and a new updated_at on the report', async () => {
    const { ctx, report } = await setup();
    const [photo] = await savePhotos(ctx.db, photoDir, report.id, await twoPhotos(), NOW);
    await publishPhoto(ctx.db, photo!.id, LATER, 'staff:test');
    await publishPhoto(ctx.db, photo!.id, LATER, 'staff:test'); // again: no second row
    const events = (await listReportEvents(ctx.db, report.id)).filter((e) => e.type === 'photo_published');
    expect(events).toMatchObject([{ body: photo!.file, public: 0, actor: 'staff:test', created_at: LATER }]);
    const row = await ctx.db.selectFrom('reports').select('updated_at').where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(row.updated_at).toBe(LATER);
  });

  it('refuses an unknown or removed photo', async () => {
    const { ctx, report } = await setup();
    await expect(publishPhoto(ctx.db, 12345, LATER)).rejects.toMatchObject({ status: 404, key: 'photo.notFound' });
    const [photo] = await savePhotos(ctx.db, photoDir, report.id, await twoPhotos(), NOW);
    await ctx.db.updateTable('photos').set({ removed_at: LATER }).where('id', '=', photo!.id).execute();
    await expect(publishPhoto(ctx.db, photo!.id, LATER)).rejects.toMatchObject({ status: 404, key: 'photo.notFound' });
  });
});
