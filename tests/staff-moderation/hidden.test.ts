// Hiding a whole report: it disappears from every public output (page, status link, map, list, GeoJSON,
// CSV exports, photo URLs, "Ich auch") and comes back when shown again. Nothing is deleted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moderationPaths as paths } from '../../server/paths.ts';
import { CITY_BBOX } from '../map/fixtures.ts';
import { makePhotoDir, moderationSetup, post } from './helpers.ts';

let photoDir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ photoDir, cleanup } = await makePhotoDir()));
afterEach(() => cleanup());

type Setup = Awaited<ReturnType<typeof moderationSetup>>;

interface Collection {
  features: Array<{ properties: { id: number } }>;
}

/** Where the public could meet the report: each output and whether the report is in it. */
async function publicSightings(s: Setup, photoFile: string): Promise<Record<string, boolean>> {
  const id = s.report.id;
  const geo = async (path: string) => ((await (await s.app.request(path)).json()) as Collection).features.some((f) => f.properties.id === id);
  const csv = await (await s.app.request('/open-data/reports.csv')).text();
  const list = await (await s.app.request('/karte/liste')).text();
  return {
    page: (await s.app.request(`/m/${id}`)).status === 200,
    map: await geo(`/karte.geojson?bbox=${CITY_BBOX}`),
    list: list.includes(`href="/m/${id}"`),
    geojsonExport: await geo('/open-data/reports.geojson'),
    csvExport: csv.split(/\r?\n/).some((line) => line.startsWith(`${id},`)),
    photo: (await s.app.request(`/fotos/${photoFile}`)).status === 200,
  };
}

const everywhere = { page: true, map: true, list: true, geojsonExport: true, csvExport: true, photo: true };
const nowhere = { page: false, map: false, list: false, geojsonExport: false, csvExport: false, photo: false };

describe('hiding a report', () => {
  it('removes it from every public output and brings it back when shown; staff still see it', async () => {
    const s = await moderationSetup(photoDir);
    const photo = s.photos[0]!;
    await post(s.tiefbau, paths.publishText(s.report.id));
    await post(s.tiefbau, paths.publishPhoto(s.report.id, photo.id));
    expect(await publicSightings(s, photo.file)).toEqual(everywhere);

    expect((await post(s.tiefbau, paths.hideReport(s.report.id))).status).toBe(303);
    expect(await publicSightings(s, photo.file)).toEqual(nowhere);
    // "Ich auch" on a hidden report changes nothing.
    const supportCount = async () => (await s.ctx.db.selectFrom('reports').select('support_count').where('id', '=', s.report.id).executeTakeFirstOrThrow()).support_count;
    const before = await supportCount();
    await s.app.request(`/m/${s.report.id}/ich-auch`, { method: 'POST' });
    expect(await supportCount()).toBe(before);
    // Staff keep everything: the report page, the photo.
    expect((await s.tiefbau.request(`/intern/meldungen/${s.report.id}`)).status).toBe(200);
    expect((await s.tiefbau.request(paths.original(photo.id))).status).toBe(200);

    expect((await post(s.tiefbau, paths.showReport(s.report.id))).status).toBe(303);
    expect(await publicSightings(s, photo.file)).toEqual(everywhere);
  });

  it('a hidden report with a redacted photo serves neither the copy nor the original', async () => {
    const s = await moderationSetup(photoDir);
    const photo = s.photos[0]!;
    await post(s.tiefbau, paths.publishPhoto(s.report.id, photo.id));
    await post(s.tiefbau, paths.redact(s.report.id, photo.id), { x: '10', y: '10', breite: '20', hoehe: '20' });
    const copy = (await s.ctx.db.selectFrom('photos').select('redacted_file').where('id', '=', photo.id).executeTakeFirstOrThrow()).redacted_file!;
    expect((await s.app.request(`/fotos/${copy}`)).status).toBe(200);
    await post(s.tiefbau, paths.hideReport(s.report.id));
    expect((await s.app.request(`/fotos/${copy}`)).status).toBe(404);
    expect((await s.app.request(`/fotos/${photo.file}`)).status).toBe(404);
  });
});
