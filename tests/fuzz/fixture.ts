// The world a fuzz test file works in: a seeded app with its own photo directory, a log of every row
// written (temporary triggers, so each request's writes can be told apart), an admin session, and
// one row of every kind a route can name (an open and a closed report, a photo, a subscription …).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createApiKey } from '../../server/api-keys.ts';
import { fileCitizenReport } from '../../server/citizen-filing.ts';
import { statusTokenForForm } from '../../server/form-token.ts';
import { preparePhotos } from '../../server/photos.ts';
import { subscriptionToken } from '../../server/subscriptions.ts';
import { hashToken } from '../../server/tokens.ts';
import { changeReportState } from '../../db/reports.ts';
import { createSubscription } from '../../db/subscriptions.ts';
import { createTemplate } from '../../db/admin-templates.ts';
import { loadRoutingTable } from '../../db/routing.ts';
import type { Db } from '../../db/connection.ts';
import type { App } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { categoryId, createReport, createTestApp, pointIn } from '../helpers.ts';
import { addStaff, asStaff } from '../staff-helpers.ts';
import { demoBin } from '../request/scan-helpers.ts';

/** Tables whose writes are logged; the migration bookkeeping is not the app's. */
async function appTables(db: Db): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db);
  return rows.rows.map((r) => r.name);
}

/**
 * Temporary triggers record every insert, update and delete with its table. They live in the
 * connection's temp schema, so the app's own schema is untouched (better-sqlite3 is one connection).
 */
export async function installWriteLog(db: Db): Promise<void> {
  await sql`create temp table fuzz_writes (tbl text not null, op text not null)`.execute(db);
  for (const table of await appTables(db)) {
    for (const op of ['insert', 'update', 'delete']) {
      await sql.raw(`create temp trigger fuzz_${op}_${table} after ${op} on main.${table} begin insert into fuzz_writes values ('${table}', '${op}'); end`).execute(db);
    }
  }
}

/** The tables written since the last call, and clears the log. */
export async function takeWrites(db: Db): Promise<Map<string, number>> {
  const rows = await sql<{ tbl: string; n: number }>`select tbl, count(*) as n from fuzz_writes group by tbl`.execute(db);
  await sql`delete from fuzz_writes`.execute(db);
  return new Map(rows.rows.map((r) => [r.tbl, Number(r.n)]));
}

export interface Fixture {
  /** Open, published defect report with a published photo and a status link. */
  openReport: number;
  closedReport: number;
  /** An open bin task (a report of a bin category). */
  binTask: number;
  statusToken: string;
  photoId: number;
  photoFile: string;
  binId: number;
  binCode: string;
  subscriptionToken: string;
  defectSlug: string;
  point: { lat: number; lon: number };
  adminId: number;
  otherStaffId: number;
  templateId: number;
  departmentId: number;
  otherDepartmentId: number;
  defectCategoryId: number;
  districtId: number;
  ruleId: number;
  apiKeyId: number;
}

export interface FuzzWorld {
  app: App;
  ctx: AppContext;
  photoDir: string;
  logLines: string[];
  fixture: Fixture;
  /** The admin's cookie and form token; renewed when a fuzzed request ended the session. */
  session(): Promise<{ cookie: string; csrfToken: string }>;
  /** A session between password and code, of an account with a second factor (renewed likewise). */
  pendingSession(): Promise<{ cookie: string; csrfToken: string }>;
  close(): Promise<void>;
}

async function jpeg(): Promise<File> {
  const sharp = (await import('sharp')).default;
  const bytes = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#aa3300' } }).jpeg().toBuffer();
  return new File([new Uint8Array(bytes)], 'foto.jpg', { type: 'image/jpeg' });
}

async function buildFixture(ctx: AppContext, app: App): Promise<{ fixture: Fixture; admin: Awaited<ReturnType<typeof asStaff>> }> {
  const now = ctx.clock.now().toISOString();
  const defectCategoryId = await categoryId(ctx.db, 'strassenschaden');
  const point = await pointIn(ctx.db, 'Altstadt');
  const routing = await loadRoutingTable(ctx.db);
  const filed = await fileCitizenReport(
    ctx,
    {
      categoryId: defectCategoryId,
      point,
      address: 'Markt 1',
      geocodedAddress: null,
      locationSource: 'map',
      description: 'Schlagloch vor dem Dom',
      photos: await preparePhotos([await jpeg()]),
      autoPublish: true,
      routing,
      formToken: { hash: hashToken('fuzz-fixture-form'), expiresAt: new Date(ctx.clock.now().getTime() + 86_400_000).toISOString() },
      statusToken: statusTokenForForm(ctx.config.secret, 'fuzz-fixture-form'),
    },
    now,
  );
  if (!('report' in filed)) throw new Error('the fixture report was not filed');
  const { report: open, statusToken } = filed;
  const photo = await ctx.db.selectFrom('photos').select(['id', 'file']).where('report_id', '=', open.id).executeTakeFirstOrThrow();
  const closed = await createReport(ctx, { description: 'Erledigt' });
  await changeReportState(ctx.db, closed.id, { to: 'done', actor: null, now });
  const bin = await demoBin(ctx.db);
  const binTask = await ctx.db.selectFrom('reports').select('id').where('bin_id', 'is not', null).orderBy('id').executeTakeFirst();
  const subscription = await createSubscription(ctx.db, { reportId: open.id, email: 'fuzz@example.org', lang: 'de', now }, (row) => hashToken(subscriptionToken(ctx.config.secret, row)));
  const admin = await asStaff(app, ctx, { role: 'admin' });
  const other = await addStaff(ctx, { role: 'staff', departments: ['tiefbau'], login: 'kollegin' });
  const departments = await ctx.db.selectFrom('departments').select('id').orderBy('id').execute();
  const district = await ctx.db.selectFrom('districts').select('id').where('active', '=', 1).orderBy('id').executeTakeFirstOrThrow();
  const rule = await ctx.db.selectFrom('routing_rules').select('id').orderBy('id').executeTakeFirstOrThrow();
  const templateId = await createTemplate(ctx.db, { categoryId: null, state: null, title: 'Danke', body: 'Danke für Ihre Meldung.' }, now);
  const apiKey = await createApiKey(ctx.db, { name: 'Portal', createdBy: admin.staff.id, now });
  return {
    admin,
    fixture: {
      openReport: open.id,
      closedReport: closed.id,
      binTask: binTask?.id ?? open.id,
      statusToken,
      photoId: photo.id,
      photoFile: photo.file,
      binId: bin.id,
      binCode: bin.code,
      subscriptionToken: subscriptionToken(ctx.config.secret, subscription),
      defectSlug: 'strassenschaden',
      point,
      adminId: admin.staff.id,
      otherStaffId: other.id,
      templateId,
      departmentId: departments[0]!.id,
      otherDepartmentId: departments[1]!.id,
      defectCategoryId,
      districtId: district.id,
      ruleId: rule.id,
      apiKeyId: apiKey.id,
    },
  };
}

export async function createFuzzWorld(): Promise<FuzzWorld> {
  const photoDir = await mkdtemp(join(tmpdir(), 'stadtmelder-fuzz-'));
  const logLines: string[] = [];
  const { app, ctx } = await createTestApp({ config: { photoDir }, logLines });
  const { fixture, admin } = await buildFixture(ctx, app);
  await installWriteLog(ctx.db);
  let current = { cookie: admin.cookie, csrfToken: admin.csrfToken };
  const { startSession, sessionCookieName } = await import('../../server/staff/sessions.ts');
  const { newTotpSecret } = await import('../../server/staff/totp.ts');
  const twoFactor = await addStaff(ctx, { role: 'staff', departments: ['tiefbau'], login: 'zweifaktor' });
  await ctx.db.updateTable('staff').set({ totp_secret: newTotpSecret(), totp_enabled_at: ctx.clock.now().toISOString() }).where('id', '=', twoFactor.id).execute();
  let pending: { cookie: string; csrfToken: string } | null = null;
  const isLive = async (cookie: string, mfaPending: number) => {
    const token = cookie.slice(cookie.indexOf('=') + 1);
    return ctx.db.selectFrom('staff_sessions').select('id').where('token_hash', '=', hashToken(token)).where('ended_at', 'is', null).where('mfa_pending', '=', mfaPending).executeTakeFirst();
  };
  return {
    app,
    ctx,
    photoDir,
    logLines,
    fixture,
    async session() {
      // A fuzzed logout, password reset or second-factor change may have ended the session.
      const live = await isLive(current.cookie, 0);
      const active = await ctx.db.selectFrom('staff').select(['active', 'totp_enabled_at']).where('id', '=', fixture.adminId).executeTakeFirstOrThrow();
      if (!live || !active.active || active.totp_enabled_at) {
        await ctx.db.updateTable('staff').set({ active: 1, disabled_at: null, totp_enabled_at: null, totp_secret: null }).where('id', '=', fixture.adminId).execute();
        const started = await startSession(ctx.db, ctx.config.secret, fixture.adminId, ctx.clock.now());
        current = { cookie: `${sessionCookieName(ctx.config)}=${started.token}`, csrfToken: started.csrfToken };
        await takeWrites(ctx.db); // the test's own writes, not the app's
      }
      return current;
    },
    async pendingSession() {
      if (!pending || !(await isLive(pending.cookie, 1))) {
        await ctx.db.updateTable('staff').set({ active: 1, disabled_at: null }).where('id', '=', twoFactor.id).execute();
        const started = await startSession(ctx.db, ctx.config.secret, twoFactor.id, ctx.clock.now(), { mfaPending: true });
        pending = { cookie: `${sessionCookieName(ctx.config)}=${started.token}`, csrfToken: started.csrfToken };
        await takeWrites(ctx.db);
      }
      return pending;
    },
    async close() {
      await ctx.db.destroy();
      await rm(photoDir, { recursive: true, force: true });
    },
  };
}
