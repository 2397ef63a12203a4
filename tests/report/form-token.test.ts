// One form, one report: the same /melden form token sent several times (a double tap, a retry after
// a slow answer, parallel requests) files exactly one report, and every one of those posts is
// answered with that report's receipt: the private status link is derived from the form's token
// (decision 031). The claim is a row in the filing transaction, unique on the token's hash, so it
// holds across instances too.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FORM_AGE_MS } from '../../server/form-token.ts';
import { photoWorkStats } from '../../server/photos.ts';
import { hashToken } from '../../server/tokens.ts';
import { createTestApp, pointIn } from '../helpers.ts';
import { texture } from '../photos/images.ts';
import { formToken, photo, postReportForm } from './helpers.ts';

type Ctx = Awaited<ReturnType<typeof createTestApp>>['ctx'];

async function at(db: Ctx['db'], district: string) {
  const p = await pointIn(db, district);
  return { lat: p.lat.toFixed(6), lon: p.lon.toFixed(6), trotzdem: '1' };
}

const countReports = async (db: Ctx['db']) => Number((await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function appWithPhotoDir() {
  const tmp = await mkdtemp(join(tmpdir(), 'stadtmelder-form-token-'));
  cleanup = () => rm(tmp, { recursive: true, force: true });
  return createTestApp({ config: { photoDir: join(tmp, 'photos') } });
}

/** The receipt a post was sent to: 303 to the private status link, whose hash is the report's. */
async function receiptOf(res: Response, ctx: Ctx): Promise<{ url: string; reportId: number }> {
  expect(res.status).toBe(303);
  const url = res.headers.get('location')!;
  const statusToken = /^\/status\/([A-Za-z0-9_-]{24})\?neu=1(&lang=en)?$/.exec(url)?.[1];
  expect(statusToken).toBeDefined();
  const report = await ctx.db.selectFrom('reports').select('id').where('status_token_hash', '=', hashToken(statusToken!)).executeTakeFirstOrThrow();
  return { url, reportId: report.id };
}

describe('one /melden form token files one report', () => {
  it('three posts of one form at once: one report, all three answered with its receipt, no stray photo files', async () => {
    const { app, ctx } = await appWithPhotoDir();
    const before = await countReports(ctx.db);
    const token = await formToken(app, 'graffiti');
    const fields = { ...(await at(ctx.db, 'Bretzenheim')), beschreibung: 'Dreimal geklickt' };
    const jpeg = await texture(320, 240).jpeg().toBuffer();
    const responses = await Promise.all([1, 2, 3].map(() => postReportForm(app, ctx, 'graffiti', { token, fields, photos: [photo(jpeg)] })));

    expect(await countReports(ctx.db)).toBe(before + 1);
    const receipts = await Promise.all(responses.map((r) => receiptOf(r, ctx)));
    expect(new Set(receipts.map((r) => r.url)).size).toBe(1);
    const report = await ctx.db.selectFrom('reports').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(receipts[0]!.reportId).toBe(report.id);
    // The receipt page itself: the report's number and the private link to keep.
    const page = await app.request(receipts[0]!.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`Danke! Ihre Meldung Nr. ${report.id} ist angekommen.`);
    // The losers' photos were never written: one file, one row.
    expect(await readdir(ctx.config.photoDir)).toHaveLength(1);
    expect(await ctx.db.selectFrom('photos').select('id').execute()).toHaveLength(1);
  });

  it('the same form sent again later: the same receipt, before any photo is decoded, in the language of the post', async () => {
    const { app, ctx } = await createTestApp();
    const token = await formToken(app, 'graffiti');
    const fields = await at(ctx.db, 'Marienborn');
    const first = await receiptOf(await postReportForm(app, ctx, 'graffiti', { token, fields }), ctx);
    const decodes = photoWorkStats().decodes;
    const again = await receiptOf(await postReportForm(app, ctx, 'graffiti', { token, fields, photos: [photo(await texture(64, 48).jpeg().toBuffer())] }), ctx);
    expect(again).toEqual(first);
    expect(photoWorkStats().decodes).toBe(decodes);
    expect(await countReports(ctx.db)).toBe(13);
    const english = await receiptOf(await postReportForm(app, ctx, 'graffiti', { token, fields, lang: 'en' }), ctx);
    expect(english).toEqual({ url: `${first.url}&lang=en`, reportId: first.reportId });
  });

  it('a report filed before status links were derived from the form: a second post gets the clear 409 page', async () => {
    const { app, ctx } = await createTestApp();
    const token = await formToken(app, 'graffiti');
    const fields = await at(ctx.db, 'Finthen');
    const { reportId } = await receiptOf(await postReportForm(app, ctx, 'graffiti', { token, fields }), ctx);
    // As an older version filed it: a random status link that no form leads to.
    await ctx.db.updateTable('reports').set({ status_token_hash: hashToken('an-older-random-link') }).where('id', '=', reportId).execute();
    const res = await postReportForm(app, ctx, 'graffiti', { token, fields });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('<h1>Schon angekommen</h1>');
    expect(html).toContain(`href="/m/${reportId}"`);
    expect(html).not.toContain('/status/');
  });

  it('keeps only the hash of a used token, until the token expires, unique in the database', async () => {
    const { app, ctx } = await createTestApp();
    const token = await formToken(app, 'graffiti');
    const issued = Number(token.split('.')[0]);
    expect((await postReportForm(app, ctx, 'graffiti', { token, fields: await at(ctx.db, 'Ebersheim') })).status).toBe(303);
    const report = await ctx.db.selectFrom('reports').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const rows = await ctx.db.selectFrom('used_form_tokens').selectAll().execute();
    expect(rows).toEqual([{ token_hash: hashToken(token), report_id: report.id, expires_at: new Date(issued + MAX_FORM_AGE_MS).toISOString() }]);
    // The database itself refuses a second claim of the same token, whatever the code around it does.
    await expect(sql`insert into used_form_tokens (token_hash, report_id, expires_at) values (${hashToken(token)}, ${report.id}, '2099-01-01T00:00:00.000Z')`.execute(ctx.db)).rejects.toThrow(/UNIQUE|PRIMARY/i);

    // A day later the token is refused as stale anyway: the next filing forgets its claim.
    ctx.clock.advance(MAX_FORM_AGE_MS + 60_000);
    expect((await postReportForm(app, ctx, 'graffiti', { token, fields: await at(ctx.db, 'Ebersheim') })).status).toBe(400);
    expect((await postReportForm(app, ctx, 'graffiti', { fields: await at(ctx.db, 'Laubenheim') })).status).toBe(303);
    const left = await ctx.db.selectFrom('used_form_tokens').select('token_hash').execute();
    expect(left).toHaveLength(1);
    expect(left[0]!.token_hash).not.toBe(hashToken(token));
  });
});

describe('form tokens', () => {
  it('differ for two forms opened in the same millisecond, and both are accepted', async () => {
    const { issueFormToken, checkFormToken } = await import('../../server/form-token.ts');
    const secret = 's'.repeat(32);
    const now = new Date('2026-11-21T10:00:00.000Z');
    const [a, b] = [issueFormToken(secret, now), issueFormToken(secret, now)];
    expect(a).not.toBe(b);
    const later = new Date(now.getTime() + 10_000);
    expect([checkFormToken(secret, a, later), checkFormToken(secret, b, later)]).toEqual(['ok', 'ok']);
    // The nonce is signed: changing it, or leaving it out, makes the token invalid.
    const [issued, , signature] = a.split('.');
    expect(checkFormToken(secret, `${issued}.${b.split('.')[1]}.${signature}`, later)).toBe('invalid');
    expect(checkFormToken(secret, `${issued}.${signature}`, later)).toBe('invalid');
  });
});
