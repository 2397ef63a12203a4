// The moderation actions through app.request(): publish/hide the text and the typed address,
// publish/hide a photo, hide/show the report. For each: success with its history row, doing it twice writes nothing more, and the
// refusals (no CSRF token, another department, wrong role, not logged in, unknown ids).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moderationPaths as paths } from '../../server/paths.ts';
import { eventsOf, makePhotoDir, moderationSetup, post } from './helpers.ts';

let photoDir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ photoDir, cleanup } = await makePhotoDir()));
afterEach(() => cleanup());

type Setup = Awaited<ReturnType<typeof moderationSetup>>;

const reportRow = (s: Setup) => s.ctx.db.selectFrom('reports').select(['hidden', 'description_published', 'address_published', 'updated_at']).where('id', '=', s.report.id).executeTakeFirstOrThrow();
const photoRow = (s: Setup) => s.ctx.db.selectFrom('photos').select(['published']).where('id', '=', s.photos[0]!.id).executeTakeFirstOrThrow();

/** Each action: its path, the event it writes, and how to read the flag it sets. */
const actions = [
  { name: 'publish text', path: (s: Setup) => paths.publishText(s.report.id), event: 'text_published', flag: async (s: Setup) => (await reportRow(s)).description_published, to: 1 },
  { name: 'publish address', path: (s: Setup) => paths.publishAddress(s.report.id), event: 'address_published', flag: async (s: Setup) => (await reportRow(s)).address_published, to: 1 },
  { name: 'hide report', path: (s: Setup) => paths.hideReport(s.report.id), event: 'report_hidden', flag: async (s: Setup) => (await reportRow(s)).hidden, to: 1 },
  { name: 'publish photo', path: (s: Setup) => paths.publishPhoto(s.report.id, s.photos[0]!.id), event: 'photo_published', flag: async (s: Setup) => (await photoRow(s)).published, to: 1 },
] as const;

describe('moderation actions', () => {
  for (const action of actions) {
    it(`${action.name}: 303 back to #moderation, flag set, one event by staff:<id>; twice writes nothing more`, async () => {
      const s = await moderationSetup(photoDir);
      s.ctx.clock.advance(60_000);
      const res = await post(s.tiefbau, action.path(s));
      expect(res.status).toBe(303);
      expect(res.headers.get('Location')).toBe(`/intern/meldungen/${s.report.id}#moderation`);
      expect(await action.flag(s)).toBe(action.to);
      expect((await reportRow(s)).updated_at).toBe(s.ctx.clock.now().toISOString());
      const body = action.event === 'photo_published' ? s.photos[0]!.file : null;
      expect(await eventsOf(s.ctx, s.report.id)).toEqual([{ type: action.event, actor: `staff:${s.tiefbau.staff.id}`, public: 0, body }]);
      expect((await post(s.tiefbau, action.path(s))).status).toBe(303);
      expect(await eventsOf(s.ctx, s.report.id)).toHaveLength(1);
    });

    it(`${action.name}: refused without CSRF token (403), for another department (403), for a crew (403), anonymous (401); nothing written`, async () => {
      const s = await moderationSetup(photoDir);
      const path = action.path(s);
      expect((await post(s.tiefbau, path, {}, null)).status).toBe(403);
      expect((await post(s.tiefbau, path, {}, 'falsch')).status).toBe(403);
      expect((await post(s.other, path)).status).toBe(403);
      expect((await post(s.crew, path)).status).toBe(403);
      const anonymous = await s.app.request(path, { method: 'POST', body: new URLSearchParams({ csrf: s.tiefbau.csrfToken }) });
      expect(anonymous.status).toBe(401);
      expect(await action.flag(s)).toBe(0);
      expect(await eventsOf(s.ctx, s.report.id)).toEqual([]);
    });
  }

  it('the reverse actions: hide text, show report, hide photo, each with its event', async () => {
    const s = await moderationSetup(photoDir);
    for (const action of actions) await post(s.tiefbau, action.path(s));
    const photoId = s.photos[0]!.id;
    for (const path of [paths.hideText(s.report.id), paths.hideAddress(s.report.id), paths.showReport(s.report.id), paths.hidePhoto(s.report.id, photoId)]) {
      expect((await post(s.tiefbau, path)).status).toBe(303);
    }
    expect(await reportRow(s)).toMatchObject({ hidden: 0, description_published: 0, address_published: 0 });
    expect((await photoRow(s)).published).toBe(0);
    expect((await eventsOf(s.ctx, s.report.id)).map((e) => e.type)).toEqual([
      'text_published',
      'address_published',
      'report_hidden',
      'photo_published',
      'text_hidden',
      'address_hidden',
      'report_shown',
      'photo_hidden',
    ]);
  });

  it('keeps the language of the page in the redirect', async () => {
    const s = await moderationSetup(photoDir);
    const res = await post(s.tiefbau, `${paths.publishText(s.report.id)}?lang=en`);
    expect(res.headers.get('Location')).toBe(`/intern/meldungen/${s.report.id}?lang=en#moderation`);
  });

  it('admins and dispatchers may moderate any department', async () => {
    const s = await moderationSetup(photoDir);
    const { asStaff } = await import('../staff-helpers.ts');
    for (const role of ['admin', 'dispatcher'] as const) {
      const client = await asStaff(s.app, s.ctx, { role, login: `x-${role}` });
      expect((await post(client, paths.hideReport(s.report.id))).status).toBe(303);
      expect((await post(client, paths.showReport(s.report.id))).status).toBe(303);
    }
    expect((await eventsOf(s.ctx, s.report.id)).map((e) => e.type)).toEqual(['report_hidden', 'report_shown', 'report_hidden', 'report_shown']);
  });

  it('404 for an unknown report, for a photo of another report and for an unknown photo', async () => {
    const s = await moderationSetup(photoDir);
    const { createReport } = await import('../helpers.ts');
    const { savePhotos, preparePhotos } = await import('../../server/photos.ts');
    const { greyJpeg } = await import('./helpers.ts');
    const otherReport = await createReport(s.ctx, { description: 'anderer' });
    const [foreignPhoto] = await savePhotos(s.ctx.db, photoDir, otherReport.id, await preparePhotos([await greyJpeg()]), s.ctx.clock.now().toISOString());
    expect((await post(s.tiefbau, paths.publishText(999999))).status).toBe(404);
    expect((await post(s.tiefbau, paths.publishPhoto(s.report.id, foreignPhoto!.id))).status).toBe(404);
    expect((await post(s.tiefbau, paths.hidePhoto(s.report.id, 999999))).status).toBe(404);
    expect((await s.tiefbau.request(paths.redact(s.report.id, foreignPhoto!.id))).status).toBe(404);
    expect((await s.ctx.db.selectFrom('photos').select('published').where('id', '=', foreignPhoto!.id).executeTakeFirstOrThrow()).published).toBe(0);
  });

  it('a photo whose file retention removed is a 404 for publishing', async () => {
    const s = await moderationSetup(photoDir);
    await s.ctx.db.updateTable('photos').set({ removed_at: s.ctx.clock.now().toISOString() }).execute();
    expect((await post(s.tiefbau, paths.publishPhoto(s.report.id, s.photos[0]!.id))).status).toBe(404);
    expect(await eventsOf(s.ctx, s.report.id)).toEqual([]);
  });

  it('publishing a report without text is refused with 422 and writes nothing', async () => {
    const s = await moderationSetup(photoDir);
    await s.ctx.db.updateTable('reports').set({ description: null }).where('id', '=', s.report.id).execute();
    const res = await post(s.tiefbau, paths.publishText(s.report.id));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('keine Beschreibung');
    expect((await reportRow(s)).description_published).toBe(0);
    expect(await eventsOf(s.ctx, s.report.id)).toEqual([]);
  });

  it('GET never changes anything: the action URLs do not answer GET', async () => {
    const s = await moderationSetup(photoDir);
    for (const action of actions) expect((await s.tiefbau.request(action.path(s))).status).toBe(404);
    expect(await eventsOf(s.ctx, s.report.id)).toEqual([]);
  });
});
