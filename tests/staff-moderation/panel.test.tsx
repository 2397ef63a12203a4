// The moderation panel as the report page renders it: which forms it offers in which state, each with
// the session's CSRF token, German by default and English with ?lang=en; and the index that keeps the
// public photo route from reading the whole photos table.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishedPhotoByName } from '../../db/photos.ts';
import { loadModerationState } from '../../db/staff-moderation.ts';
import { STAFF_LANGUAGES, translator } from '../../server/i18n/index.ts';
import type { Page } from '../../server/views/page.ts';
import { ModerationPanel } from '../../server/views/staff/moderation.tsx';
import { moderationPaths as paths } from '../../server/paths.ts';
import { createTestContext } from '../helpers.ts';
import { makePhotoDir, moderationSetup, post } from './helpers.ts';

let photoDir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ photoDir, cleanup } = await makePhotoDir()));
afterEach(() => cleanup());

function pageIn(lang: 'de' | 'en'): Page {
  return { lang, dir: 'ltr', languages: STAFF_LANGUAGES, t: translator(lang), path: '/intern/meldungen/1', href: (p) => (lang === 'en' ? `${p}?lang=en` : p), switchTo: (l) => `?lang=${l}` };
}

const formActions = (html: string) => [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]);

describe('ModerationPanel', () => {
  it('offers publishing for new text and photos, hiding for the report, each form with the CSRF token', async () => {
    const s = await moderationSetup(photoDir, 2);
    const state = await loadModerationState(s.ctx.db, s.report.id);
    const html = String(<ModerationPanel page={pageIn('de')} csrfToken="TOKEN-123" state={state} />);
    const [a, b] = s.photos.map((p) => p.id) as [number, number];
    expect(html).toContain('<section id="moderation"');
    expect(formActions(html)).toEqual([paths.hideReport(s.report.id), paths.publishText(s.report.id), paths.publishAddress(s.report.id), paths.publishPhoto(s.report.id, a), paths.publishPhoto(s.report.id, b)]);
    expect(html.match(/name="csrf" value="TOKEN-123"/g)).toHaveLength(5);
    expect(html).toContain('Nicht veröffentlicht: Die Öffentlichkeit sieht den Ortsbezirk statt dieser Worte.');
    expect(html).toContain(`href="${paths.redact(s.report.id, a)}"`);
    expect(html).toContain(`src="${paths.original(a)}"`);
    expect(html).toContain('Nicht veröffentlicht: nur intern sichtbar.');
    expect(html).toContain('Foto 2 veröffentlichen');
  });

  it('after moderation: show the report, hide text and photo, the redacted copy with undo, a removed photo without actions; in English', async () => {
    const s = await moderationSetup(photoDir, 2);
    const [a, b] = s.photos.map((p) => p.id) as [number, number];
    await post(s.tiefbau, paths.hideReport(s.report.id));
    await post(s.tiefbau, paths.publishText(s.report.id));
    await post(s.tiefbau, paths.publishAddress(s.report.id));
    await post(s.tiefbau, paths.publishPhoto(s.report.id, a));
    await post(s.tiefbau, paths.redact(s.report.id, a), { x: '1', y: '1', breite: '5', hoehe: '5' });
    await s.ctx.db.updateTable('photos').set({ removed_at: s.ctx.clock.now().toISOString() }).where('id', '=', b).execute();
    const html = String(<ModerationPanel page={pageIn('en')} csrfToken="T" state={await loadModerationState(s.ctx.db, s.report.id)} />);
    expect(formActions(html)).toEqual([
      `${paths.showReport(s.report.id)}?lang=en`,
      `${paths.hideText(s.report.id)}?lang=en`,
      `${paths.hideAddress(s.report.id)}?lang=en`,
      `${paths.hidePhoto(s.report.id, a)}?lang=en`,
      `${paths.unredact(s.report.id, a)}?lang=en`,
    ]);
    expect(html).toContain('Published: the public sees these words.');
    expect(html).toContain(`src="${paths.redacted(a)}"`);
    expect(html).toContain('The report is hidden');
    expect(html).toContain('The file was deleted when its retention period ended.');
    expect(html).not.toContain(paths.original(b));
  });

  it('the report page renders the panel for staff', async () => {
    const s = await moderationSetup(photoDir);
    const html = await (await s.tiefbau.request(`/intern/meldungen/${s.report.id}`)).text();
    expect(html).toContain('<section id="moderation"');
    expect(html).toContain('<link rel="stylesheet" href="/static/staff-moderation.css"');
    expect(html).toContain(`action="${paths.publishPhoto(s.report.id, s.photos[0]!.id)}"`);
  });
});

describe('public photo lookup', () => {
  it('finds a photo by either public name through an index, not a table scan', async () => {
    const ctx = await createTestContext({ seed: false });
    const compiled = publishedPhotoByName(ctx.db, 'a.jpg').compile();
    const plan = await ctx.db.executeQuery<{ detail: string }>({ ...compiled, sql: `explain query plan ${compiled.sql}` });
    const details = plan.rows.map((r) => r.detail).join('\n');
    expect(details).toMatch(/photos_redacted_file/);
    expect(details).not.toMatch(/SCAN photos/);
  });
});
