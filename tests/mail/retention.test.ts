// The retention job on a real database and real files, with a fixed clock: before a deadline nothing
// goes, after it exactly the right addresses and photo files; open and reopened reports keep theirs.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection.ts';
import { changeReportState } from '../../db/reports.ts';
import { runRetention } from '../../db/retention.ts';
import { createLogger } from '../../server/logger.ts';
import { createReport, createTestContext } from '../helpers.ts';

const DAY = 24 * 60 * 60 * 1000;

async function addSubscription(db: Db, reportId: number, email: string, at: string) {
  await db.insertInto('subscriptions').values({ report_id: reportId, email, lang: 'de', token_hash: `hash-${email}`, confirmed_at: at, created_at: at }).execute();
}

async function addPhoto(db: Db, photoDir: string, reportId: number, file: string, at: string, onDisk = true) {
  if (onDisk) writeFileSync(join(photoDir, file), 'jpeg bytes');
  await db.insertInto('photos').values({ report_id: reportId, file, mime: 'image/jpeg', width: 10, height: 10, bytes: 10, published: 1, created_at: at }).execute();
}

/** Three reports: one closed at the start, one open, one closed and then reopened. */
async function scene() {
  const ctx = await createTestContext();
  const photoDir = mkdtempSync(join(tmpdir(), 'stadtmelder-photos-'));
  const at = () => ctx.clock.now().toISOString();
  const closed = await createReport(ctx);
  const open = await createReport(ctx);
  const reopened = await createReport(ctx);
  await addSubscription(ctx.db, closed.id, 'closed@example.org', at());
  await addSubscription(ctx.db, open.id, 'open@example.org', at());
  await addSubscription(ctx.db, reopened.id, 'reopened@example.org', at());
  await addPhoto(ctx.db, photoDir, closed.id, 'closed-1.jpg', at());
  // A redacted copy of it, as moderation leaves one: it must go with the original.
  writeFileSync(join(photoDir, 'closed-1-redacted.jpg'), 'jpeg bytes');
  await ctx.db.updateTable('photos').set({ redacted_file: 'closed-1-redacted.jpg' }).where('file', '=', 'closed-1.jpg').execute();
  await addPhoto(ctx.db, photoDir, closed.id, 'closed-gone.jpg', at(), false); // already missing on disk
  await addPhoto(ctx.db, photoDir, open.id, 'open-1.jpg', at());
  await addPhoto(ctx.db, photoDir, reopened.id, 'reopened-1.jpg', at());
  await changeReportState(ctx.db, closed.id, { to: 'done', actor: 'test', now: at() });
  await changeReportState(ctx.db, reopened.id, { to: 'done', actor: 'test', now: at() });
  await changeReportState(ctx.db, reopened.id, { to: 'acknowledged', actor: 'test', now: at() });
  const closedAt = ctx.clock.now();
  const run = (now: Date, logger = createLogger('silent')) => runRetention(ctx.db, { now, emailDays: 30, photoMonths: 6, photoDir, logger });
  const emails = async () => Object.fromEntries((await ctx.db.selectFrom('subscriptions').select(['report_id', 'email', 'removed_at']).execute()).map((r) => [r.report_id, r]));
  const photos = async () => Object.fromEntries((await ctx.db.selectFrom('photos').select(['file', 'removed_at']).execute()).map((r) => [r.file, r.removed_at]));
  return { ctx, photoDir, closed, open, reopened, closedAt, run, emails, photos };
}

describe('runRetention', () => {
  it('removes nothing before the deadlines', async () => {
    const s = await scene();
    expect(await s.run(new Date(s.closedAt.getTime() + 30 * DAY))).toEqual({ emailsRemoved: 0, photosRemoved: 0 });
    expect(Object.values(await s.emails()).map((r) => r.email)).toEqual(['closed@example.org', 'open@example.org', 'reopened@example.org']);
    expect(Object.values(await s.photos()).every((removed) => removed === null)).toBe(true);
    expect(existsSync(join(s.photoDir, 'closed-1.jpg'))).toBe(true);
  });

  it('removes the addresses of reports closed more than RETENTION_EMAIL_DAYS ago, and only those', async () => {
    const s = await scene();
    const now = new Date(s.closedAt.getTime() + 30 * DAY + 1);
    expect(await s.run(now)).toEqual({ emailsRemoved: 1, photosRemoved: 0 });
    const rows = await s.emails();
    expect(rows[s.closed.id]).toEqual({ report_id: s.closed.id, email: null, removed_at: now.toISOString() });
    expect(rows[s.open.id]!.email).toBe('open@example.org');
    expect(rows[s.reopened.id]!.email).toBe('reopened@example.org');
    expect(existsSync(join(s.photoDir, 'closed-1.jpg'))).toBe(true);
    // A second run finds nothing more to do and keeps the first removal time.
    expect(await s.run(new Date(now.getTime() + DAY))).toEqual({ emailsRemoved: 0, photosRemoved: 0 });
    expect((await s.emails())[s.closed.id]!.removed_at).toBe(now.toISOString());
  });

  it('deletes the photo files of reports closed more than RETENTION_PHOTO_MONTHS ago; a missing file is fine', async () => {
    const s = await scene(); // closed on 2026-11-21
    expect(await s.run(new Date('2027-05-21T10:00:00.000Z'))).toEqual({ emailsRemoved: 1, photosRemoved: 0 }); // exactly 6 months
    const now = new Date('2027-05-21T10:00:00.001Z');
    expect(await s.run(now)).toEqual({ emailsRemoved: 0, photosRemoved: 2 });
    expect(await s.photos()).toEqual({
      'closed-1.jpg': now.toISOString(),
      'closed-gone.jpg': now.toISOString(),
      'open-1.jpg': null,
      'reopened-1.jpg': null,
    });
    expect(existsSync(join(s.photoDir, 'closed-1.jpg'))).toBe(false);
    expect(existsSync(join(s.photoDir, 'closed-1-redacted.jpg'))).toBe(false);
    expect(existsSync(join(s.photoDir, 'open-1.jpg'))).toBe(true);
    expect(existsSync(join(s.photoDir, 'reopened-1.jpg'))).toBe(true);
    expect(await s.run(new Date('2027-06-01T00:00:00.000Z'))).toEqual({ emailsRemoved: 0, photosRemoved: 0 });
  });

  it('counts from the latest closing of a report that was reopened and closed again', async () => {
    const s = await scene();
    s.ctx.clock.advance(100 * DAY);
    await changeReportState(s.ctx.db, s.reopened.id, { to: 'done', actor: 'test', now: s.ctx.clock.now().toISOString() });
    expect(await s.run(new Date(s.ctx.clock.now().getTime() + 29 * DAY))).toEqual({ emailsRemoved: 1, photosRemoved: 0 }); // only the first report
    expect((await s.emails())[s.reopened.id]!.email).toBe('reopened@example.org');
    expect(await s.run(new Date(s.ctx.clock.now().getTime() + 31 * DAY))).toEqual({ emailsRemoved: 1, photosRemoved: 0 });
    expect((await s.emails())[s.reopened.id]!.email).toBeNull();
  });

  it('never deletes outside the photo directory, keeps such a row for the next run, and logs no personal data', async () => {
    const s = await scene();
    const outside = mkdtempSync(join(tmpdir(), 'stadtmelder-outside-'));
    writeFileSync(join(outside, 'victim.jpg'), 'keep me');
    await addPhoto(s.ctx.db, s.photoDir, s.closed.id, `../${outside.split('/').pop()}/victim.jpg`, s.closedAt.toISOString(), false);
    const lines: string[] = [];
    expect(await s.run(new Date('2028-01-01T00:00:00.000Z'), createLogger('debug', (l) => lines.push(l)))).toEqual({ emailsRemoved: 1, photosRemoved: 2 });
    expect(existsSync(join(outside, 'victim.jpg'))).toBe(true);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'retention: photo file not deleted', code: 'EOUTSIDE' });
    expect(lines.join('\n')).not.toMatch(/example\.org|victim|\.jpg/);
  });
});
