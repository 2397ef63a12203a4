// Pages and formatting helpers build their Intl formatters once, not per call. A DateTimeFormat built
// per list entry or per scan page cost ~0.4 ms and ~16 KB of native memory that only a full garbage
// collection frees, and under ordinary GET load the server's RSS grew to gigabytes and stayed
// (`npm run bench:memory` shows the growth). Counted, not timed: the second render of a page, or the
// second call of a helper, must build no formatter and no RegExp at all.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { ago, cityDay, clockTime, whenPast, whichDay } from '../../domain/time-words.ts';
import { translator } from '../../server/i18n/index.ts';
import { berlinDateTime } from '../../server/notify/mails.ts';
import { berlinDay, digestDueToday, nextDigestAt } from '../../server/notify/schedule.ts';
import { normalizeCode } from '../../server/staff/totp.ts';
import { localDateTimeValue } from '../../server/views/staff/bins-common.tsx';
import { formatCount, formatDay, formatHours, formatShare, formatShortDay } from '../../server/views/staff/kpi-format.tsx';
import { countFormatterBuilds, type FormatterBuildCounter } from '../formatter-builds.ts';
import { createReport, createTestApp } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';

let counter: FormatterBuildCounter | null = null;
afterEach(() => {
  counter?.restore();
  counter = null;
});

/** Runs `work` once to warm up (a formatter may be built lazily once), then counts a second run. */
async function buildsOnSecondRun(work: () => unknown): Promise<Record<string, number>> {
  await work();
  counter = countFormatterBuilds();
  await work();
  return counter.counts();
}

describe('formatting helpers build no formatter per call', () => {
  const now = new Date('2026-11-21T13:05:00.000Z');
  const earlier = new Date('2026-11-17T07:30:00.000Z');
  const later = new Date('2026-11-25T07:30:00.000Z');

  it.each(['de', 'en'] as const)('time in words (%s)', async (lang) => {
    const t = translator(lang);
    const builds = await buildsOnSecondRun(() => [cityDay(earlier), clockTime(earlier, lang), whenPast(earlier, now, lang, t), ago(earlier, now, lang, t), whichDay(later, now, lang, t)]);
    expect(builds).toEqual({});
  });

  it('the digest schedule and the department mails', async () => {
    const builds = await buildsOnSecondRun(() => [berlinDay(now), nextDigestAt(now, 7), digestDueToday(now, 7), berlinDateTime(earlier.toISOString())]);
    expect(builds).toEqual({});
  });

  it('the second-factor code check', async () => {
    const builds = await buildsOnSecondRun(() => [normalizeCode('123 456'), normalizeCode('12345')]);
    expect(builds).toEqual({});
  });

  it.each(['de', 'en'] as const)('the Kennzahlen figures and staff dates (%s)', async (lang) => {
    const builds = await buildsOnSecondRun(() => [formatCount(1234, lang), formatShare(0.875, lang), formatHours(5400, lang), formatDay(now, lang), formatShortDay(now, lang), localDateTimeValue(now.toISOString())]);
    expect(builds).toEqual({});
  });
});

describe('pages build no formatter per request', () => {
  let app: App;
  let ctx: AppContext;
  let staff: Awaited<ReturnType<typeof asStaff>>;
  let code: string;
  let reportId: number;

  beforeAll(async () => {
    ({ app, ctx } = await createTestApp());
    staff = await asStaff(app, ctx);
    code = (await ctx.db.selectFrom('bins').select('code').orderBy('id').executeTakeFirstOrThrow()).code;
    reportId = (await createReport(ctx, { description: 'Schlagloch vor dem Haus' })).id;
  });

  async function page(path: string, options: { staff?: boolean } = {}) {
    const res = options.staff ? await staff.request(path) : await app.request(path);
    expect(res.status, path).toBe(200);
    return res.text();
  }

  it.each(['/karte/liste', '/karte/liste?lang=en', '/B/{code}', '/B/{code}?lang=en', '/m/{id}', '/m/{id}?lang=en', '/', '/karte'])('public page %s', async (template) => {
    const path = template.replace('{code}', code).replace('{id}', String(reportId));
    const builds = await buildsOnSecondRun(() => page(path));
    expect(builds).toEqual({});
  });

  it.each([
    '/intern',
    '/intern?lang=en',
    '/intern/meldungen',
    '/intern/meldungen.csv',
    '/intern/meldungen/{id}',
    '/intern/kennzahlen',
    '/intern/kennzahlen?lang=en',
    '/intern/kennzahlen.csv',
    '/intern/kennzahlen.csv?lang=en',
    '/intern/papierkoerbe/1',
    '/intern/kolonne',
    '/intern/verwaltung/ortsbezirke',
    '/intern/verwaltung/zustaendigkeit/pruefen?kategorie=1&lat=49.99&lon=8.27',
  ])('staff page %s', async (template) => {
    const path = template.replace('{id}', String(reportId));
    const builds = await buildsOnSecondRun(() => page(path, { staff: true }));
    expect(builds).toEqual({});
  });

  it('the counter sees a formatter built per call (so the tests above can fail)', async () => {
    const builds = await buildsOnSecondRun(() => new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin' }).format(new Date()));
    expect(builds).toEqual({ 'new Intl.DateTimeFormat': 1 });
  });
});
