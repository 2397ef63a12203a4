// One form, one report: the same /melden form token sent several times (a double click, a retry after
// a slow answer, parallel requests) files exactly one report. Only the post that filed it gets the
// private status link; the others get a clear page with the public one. The claim is a row in the
// filing transaction, unique on the token's hash, so it holds across instances too.
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

/** The later posts' answer: 409, the report's number and its public page, never a status link. */
async function expectAlreadyFiled(res: Response, reportId: number) {
  expect(res.status).toBe(409);
  const html = await res.text();
  expect(html).toContain('<h1>Schon angekommen</h1>');
  expect(html).toContain(`Ihre Meldung ist angekommen, und zwar nur einmal: als Meldung Nr. ${reportId}.`);
  expect(html).toContain(`href="/m/${reportId}"`);
  expect(html).not.toContain('/status/');
}

describe('one /melden form token files one report', () => {
  it('three posts of one form at once: one report, one status link, two clear 409 pages, no stray photo files', async () => {
    const { app, ctx } = await appWithPhotoDir();
    const before = await countReports(ctx.db);
    const token = await formToken(app, 'graffiti');
    const fields = { ...(await at(ctx.db, 'Bretzenheim')), beschreibung: 'Dreimal geklickt' };
    const jpeg = await texture(320, 240).jpeg().toBuffer();
    const responses = await Promise.all([1, 2, 3].map(() => postReportForm(app, ctx, 'graffiti', { token, fields, photos: [photo(jpeg)] })));

    expect(await countReports(ctx.db)).toBe(before + 1);
    const report = await ctx.db.selectFrom('reports').select(['id', 'status_token_hash']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const filed = responses.filter((r) => r.status === 303);
    expect(filed).toHaveLength(1);
    const statusToken = /^\/status\/([A-Za-z0-9_-]+)\?neu=1$/.exec(filed[0]!.headers.get('location')!)?.[1];
    expect(hashToken(statusToken!)).toBe(report.status_token_hash);
    for (const res of responses.filter((r) => r.status !== 303)) await expectAlreadyFiled(res, report.id);
    // The losers' photos were never written: one file, one row.
    expect(await readdir(ctx.config.photoDir)).toHaveLength(1);
    expect(await ctx.db.selectFrom('photos').select('id').execute()).toHaveLength(1);
  });

  it('the same form sent again later: 409 with the public page, before any photo is decoded', async () => {
    const { app, ctx } = await createTestApp();
    const token = await formToken(app, 'graffiti');
    const fields = await at(ctx.db, 'Marienborn');
    const first = await postReportForm(app, ctx, 'graffiti', { token, fields });
    expect(first.status).toBe(303);
    const report = await ctx.db.selectFrom('reports').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const decodes = photoWorkStats().decodes;
    const again = await postReportForm(app, ctx, 'graffiti', { token, fields, photos: [photo(await texture(64, 48).jpeg().toBuffer())] });
    await expectAlreadyFiled(again, report.id);
    expect(photoWorkStats().decodes).toBe(decodes);
    expect(await countReports(ctx.db)).toBe(13);
    // In English too.
    const english = await postReportForm(app, ctx, 'graffiti', { token, fields, lang: 'en' });
    expect(english.status).toBe(409);
    expect(await english.text()).toContain(`Your report has arrived, and only once: as report no. ${report.id}.`);
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
