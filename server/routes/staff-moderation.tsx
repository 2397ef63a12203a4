// Back office: moderation of a report's text, typed address and photos, photo redaction, hiding a report, and the
// staff-only photo URLs. Every action is a plain form POST answered with 303 back to the report's
// moderation section; the guard in staff.tsx has already checked the session and the CSRF token.
import { Hono, type Context } from 'hono';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hidePhoto, publishPhoto } from '../../db/photos.ts';
import type { Photo } from '../../db/schema.ts';
import { findPhotoOfReport, findPhotoWithScope, findReportScope, setAddressPublished, setDescriptionPublished, setReportHidden } from '../../db/staff-moderation.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { parseRedactionRect, RECT_FIELDS, redactPhoto, undoRedaction, type RectField, type RectInput } from '../photo-redaction.ts';
import { isPhotoFileName } from '../photos.ts';
import { canChangeReport, canSeeReport } from '../staff/access.ts';
import type { MessageKey } from '../i18n/index.ts';
import { pageFor } from '../views/page.ts';
import { moderationPaths as paths, REPORT_ROUTE } from '../paths.ts';
import { RedactionPage } from '../views/staff/moderation-redaction.tsx';
import { parseFormBody } from '../body.ts';

const PHOTO = `${REPORT_ROUTE}/fotos/:photoId{[0-9]{1,12}}`;

const actorOf = (c: Context<AppEnv>) => `staff:${c.get('staffSession')!.user.id}`;

export function staffModerationRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  const now = () => ctx.clock.now().toISOString();

  /** The report of the URL, if the user may change it: 404 unknown, 403 another department's or role's. */
  async function changeableReport(c: Context<AppEnv>): Promise<number> {
    const reportId = Number(c.req.param('id'));
    const scope = await findReportScope(ctx.db, reportId);
    if (!scope) throw new UserError(404, 'error.notFound');
    if (!canChangeReport(c.get('staffSession')!.user, scope)) throw new UserError(403, 'staff.forbidden');
    return reportId;
  }

  /** The photo of the URL, only if it belongs to that report and its file still exists (404 otherwise). */
  async function photoOfReport(c: Context<AppEnv>, reportId: number): Promise<Photo> {
    const photo = await findPhotoOfReport(ctx.db, reportId, Number(c.req.param('photoId')));
    if (!photo || photo.removed_at !== null) throw new UserError(404, 'photo.notFound');
    return photo;
  }

  const backToPanel = (c: Context<AppEnv>, reportId: number) => c.redirect(pageFor(c).href(paths.report(reportId)) + '#moderation', 303);

  app.post(`${REPORT_ROUTE}/text/veroeffentlichen`, async (c) => {
    const reportId = await changeableReport(c);
    await setDescriptionPublished(ctx.db, reportId, true, now(), actorOf(c));
    return backToPanel(c, reportId);
  });

  app.post(`${REPORT_ROUTE}/text/ausblenden`, async (c) => {
    const reportId = await changeableReport(c);
    await setDescriptionPublished(ctx.db, reportId, false, now(), actorOf(c));
    return backToPanel(c, reportId);
  });

  app.post(`${REPORT_ROUTE}/adresse/veroeffentlichen`, async (c) => {
    const reportId = await changeableReport(c);
    await setAddressPublished(ctx.db, reportId, true, now(), actorOf(c));
    return backToPanel(c, reportId);
  });

  app.post(`${REPORT_ROUTE}/adresse/ausblenden`, async (c) => {
    const reportId = await changeableReport(c);
    await setAddressPublished(ctx.db, reportId, false, now(), actorOf(c));
    return backToPanel(c, reportId);
  });

  app.post(`${REPORT_ROUTE}/ausblenden`, async (c) => {
    const reportId = await changeableReport(c);
    await setReportHidden(ctx.db, reportId, true, now(), actorOf(c));
    return backToPanel(c, reportId);
  });

  app.post(`${REPORT_ROUTE}/einblenden`, async (c) => {
    const reportId = await changeableReport(c);
    await setReportHidden(ctx.db, reportId, false, now(), actorOf(c));
    return backToPanel(c, reportId);
  });

  app.post(`${PHOTO}/veroeffentlichen`, async (c) => {
    const reportId = await changeableReport(c);
    const photo = await photoOfReport(c, reportId);
    await publishPhoto(ctx.db, photo.id, now(), actorOf(c));
    return backToPanel(c, reportId);
  });

  app.post(`${PHOTO}/ausblenden`, async (c) => {
    const reportId = await changeableReport(c);
    const photo = await photoOfReport(c, reportId);
    await hidePhoto(ctx.db, photo.id, now(), actorOf(c));
    return backToPanel(c, reportId);
  });

  /** The photo's number as the panel shows it (1-based among all photos of the report). */
  async function photoNumber(reportId: number, photoId: number): Promise<number> {
    const ids = await ctx.db.selectFrom('photos').select('id').where('report_id', '=', reportId).orderBy('id').execute();
    return ids.findIndex((p) => p.id === photoId) + 1;
  }

  async function renderRedaction(
    c: Context<AppEnv>,
    reportId: number,
    photo: Photo,
    form: { values: RectInput; errors: Partial<Record<RectField, MessageKey>>; saved: boolean },
    status: 200 | 422 = 200,
  ) {
    const session = c.get('staffSession')!;
    const data = { reportId, photoId: photo.id, n: await photoNumber(reportId, photo.id), width: photo.width, height: photo.height, redacted: photo.redacted_file !== null, ...form };
    return c.html(<RedactionPage page={pageFor(c)} user={session.user} csrfToken={session.csrfToken} data={data} />, status);
  }

  const emptyRect: RectInput = { x: '', y: '', breite: '', hoehe: '' };

  app.get(`${PHOTO}/schwaerzen`, async (c) => {
    const reportId = await changeableReport(c);
    const photo = await photoOfReport(c, reportId);
    return renderRedaction(c, reportId, photo, { values: emptyRect, errors: {}, saved: c.req.query('gespeichert') === '1' });
  });

  app.post(`${PHOTO}/schwaerzen`, async (c) => {
    const reportId = await changeableReport(c);
    const photo = await photoOfReport(c, reportId);
    const body = await parseFormBody(c);
    const values = Object.fromEntries(RECT_FIELDS.map((f) => [f, typeof body[f] === 'string' ? (body[f] as string).slice(0, 20) : ''])) as RectInput;
    const parsed = parseRedactionRect(values);
    if (!parsed.ok) return renderRedaction(c, reportId, photo, { values, errors: parsed.errors, saved: false }, 422);
    await redactPhoto(ctx, photo, parsed.rect, actorOf(c));
    // "Black out and choose another region" comes back to this page, on the new copy.
    if (body['weiter'] === '1') return c.redirect(pageFor(c).href(`${paths.redact(reportId, photo.id)}?gespeichert=1`), 303);
    return backToPanel(c, reportId);
  });

  app.post(`${PHOTO}/schwaerzung-aufheben`, async (c) => {
    const reportId = await changeableReport(c);
    const photo = await photoOfReport(c, reportId);
    await undoRedaction(ctx, photo, actorOf(c));
    return backToPanel(c, reportId);
  });

  /** Staff-only photo bytes; whoever may see the report may see its photos. Never cached (personal data). */
  async function servePhotoForStaff(c: Context<AppEnv>, which: 'original' | 'redacted') {
    const found = await findPhotoWithScope(ctx.db, Number(c.req.param('photoId')));
    if (!found) throw new UserError(404, 'photo.notFound');
    if (!canSeeReport(c.get('staffSession')!.user, found.scope)) throw new UserError(403, 'staff.forbidden');
    const file = which === 'original' ? found.photo.file : found.photo.redacted_file;
    if (found.photo.removed_at !== null || !file || !isPhotoFileName(file)) throw new UserError(404, 'photo.notFound');
    let data: Buffer;
    try {
      data = await readFile(join(ctx.config.photoDir, file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      throw new UserError(404, 'photo.notFound');
    }
    c.header('Content-Type', 'image/jpeg');
    c.header('Content-Length', String(data.length));
    c.header('Cache-Control', 'no-store');
    return c.body(data as Uint8Array<ArrayBuffer>);
  }

  app.get('/intern/fotos/:photoId{[0-9]{1,12}}', (c) => servePhotoForStaff(c, 'original'));
  app.get('/intern/fotos/:photoId{[0-9]{1,12}}/geschwaerzt', (c) => servePhotoForStaff(c, 'redacted'));

  return app;
}
