// The Müllmelder for citizens: the page behind a bin's QR sticker, the one-tap report, the
// thank-you page and code entry. Opening a page never changes anything; only POST records.
import { Hono, type Context } from 'hono';
import { flagBin, listOpenBinTasks, pressWouldLandOn, summarizeBinTask, type PressResult } from '../../db/bin-tasks.ts';
import { lookupBinCode, type BinCodeLookup } from '../../db/bins.ts';
import { PressBatcher } from '../../db/press-batch.ts';
import { loadRoutingTable } from '../../db/routing.ts';
import { findBinReasonCategory } from '../../db/categories.ts';
import type { Bin } from '../../db/schema.ts';
import { formatBinCode, isValidBinCode, normalizeBinCode } from '../../qr/codes.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { isBinReason, OTHER_TEXT_MAX, type BinReason } from '../../domain/bin-reasons.ts';
import { UserError } from '../../domain/errors.ts';
import type { RoutingTable } from '../../domain/routing.ts';
import { readForm } from '../form.ts';
import { OncePerDay } from '../once-per-day.ts';
import { PressGuard, type PressLimits } from '../press-guard.ts';
import { clientAddress, clientKey, rateLimitedError } from '../rate-limit.ts';
import { TtlCache } from '../ttl-cache.ts';
import { CodeEntryPage } from '../views/code-entry.tsx';
import { EXAMPLE_CODE } from '../views/code-form.tsx';
import { pageFor } from '../views/page.ts';
import { ScanPage, type ScanBin } from '../views/scan.tsx';
import { ThanksPage } from '../views/thanks.tsx';

/** Paths are case-insensitive: a code typed from a sticker in lower case still works. */
const both = (path: string) => [path, path.replace('/B/', '/b/')];
const codeHint = { codeForm: true, titleKey: 'code.problemTitle' } as const;

/**
 * Bins, categories and routing change rarely (registry imports, admin edits), and a bin press must be
 * cheap. Lookups are kept for a minute: a bin retired or a rule changed meanwhile takes effect on
 * presses at most that much later.
 */
const LOOKUP_TTL_MS = 60_000;

export function scanRoutes(ctx: AppContext, limits?: PressLimits) {
  const app = new Hono<AppEnv>();
  const guard = new PressGuard(limits);
  const presses = new PressBatcher(ctx.db);
  // One press per client, bin and reason a day (per task: a new task after an emptying counts anew).
  const pressedToday = new OncePerDay<PressResult>();
  const binCache = new TtlCache<string, BinCodeLookup>(LOOKUP_TTL_MS);
  const categoryCache = new TtlCache<BinReason, number | null>(LOOKUP_TTL_MS, 100);
  const routingCache = new TtlCache<'table', RoutingTable>(LOOKUP_TTL_MS, 1);

  /** Pages read the bin fresh (they show when it was emptied); the POST only needs who and where it is. */
  async function activeBin(raw: string, options: { cached: boolean } = { cached: false }): Promise<Bin> {
    const code = raw.toUpperCase();
    if (!/^[0-9A-Z]{7}$/.test(code)) throw new UserError(404, 'error.codeMalformed', { example: EXAMPLE_CODE }, codeHint);
    if (!isValidBinCode(code)) throw new UserError(404, 'error.codeMistyped', { code: formatBinCode(code) }, codeHint);
    const load = () => lookupBinCode(ctx.db, code);
    const found = await (options.cached ? binCache.get(code, ctx.clock.now().getTime(), load) : load());
    if (found.status === 'unknown') throw new UserError(404, 'error.codeUnknown', {}, codeHint);
    if (found.status === 'revoked') throw new UserError(410, 'error.codeRevoked', {}, codeHint);
    if (found.status === 'retired') throw new UserError(410, 'error.binRetired', {}, codeHint);
    return found.bin;
  }

  /** Pages show the bin with its district; the POST does not need it. */
  async function binView(bin: Bin): Promise<ScanBin> {
    const district = bin.district_id ? await ctx.db.selectFrom('districts').select('name').where('id', '=', bin.district_id).executeTakeFirst() : undefined;
    return { code: bin.code, description: bin.description, district: district?.name ?? null };
  }

  async function reasonCategory(reason: BinReason): Promise<number> {
    const id = await categoryCache.get(reason, ctx.clock.now().getTime(), async () => (await findBinReasonCategory(ctx.db, reason))?.id ?? null);
    if (id === null) throw new UserError(404, 'error.unknownCategory');
    return id;
  }

  async function renderScan(c: Context<AppEnv>, code: string, extra: { error?: string; otherText?: string } = {}, status: 200 | 400 = 200) {
    const bin = await activeBin(code);
    const [view, tasks] = await Promise.all([binView(bin), listOpenBinTasks(ctx.db, bin.id)]);
    const data = { bin: view, tasks, lastEmptiedAt: bin.last_emptied_at, nextEmptyingAt: bin.next_emptying_at, now: ctx.clock.now(), ...extra };
    return c.html(<ScanPage page={pageFor(c)} data={data} />, status);
  }

  app.on('GET', both('/B/:code'), (c) => renderScan(c, c.req.param('code') ?? ''));

  app.on('POST', both('/B/:code'), async (c) => {
    const bin = await activeBin(c.req.param('code') ?? '', { cached: true });
    // A press is a few dozen bytes; the longest "other" text in UTF-8 fits easily in 4 KB.
    const form = await readForm(c, 4096);
    const page = pageFor(c);
    const reason = form.reason;
    const text = (form.text ?? '').trim();
    if (!isBinReason(reason)) return renderScan(c, bin.code, { error: page.t('error.badReason') }, 400);
    if (text.length > OTHER_TEXT_MAX) {
      return renderScan(c, bin.code, { error: page.t('error.otherTooLong', { max: OTHER_TEXT_MAX }), otherText: text }, 400);
    }
    const thanks = page.href(`/B/${bin.code}/danke?grund=${reason}`);
    // Bots fill every field; they get the same answer as people and record nothing.
    if (form.website) return c.redirect(thanks, 303);

    const now = ctx.clock.now();
    const client = clientKey(ctx.config.secret, clientAddress(c, ctx.config.trustProxy), now);
    const wait = guard.take(client, bin.id, now.getTime());
    if (wait > 0) throw rateLimitedError(wait, now, page);
    const [categoryId, routing] = await Promise.all([reasonCategory(reason), routingCache.get('table', now.getTime(), () => loadRoutingTable(ctx.db))]);
    const press = await pressedToday.run(
      `${client}:${bin.id}:${categoryId}`,
      now.getTime(),
      () => presses.record({ bin, categoryId, text: reason === 'other' && text ? text : null, now: now.toISOString(), routing }),
      (earlier) => pressWouldLandOn(ctx.db, earlier.reportId, now.toISOString()),
    );
    // A second press of the same person counts nothing; the page says that the report is there.
    if (press.repeat) return c.redirect(`${thanks}&schon=1`, 303);
    if (guard.crossesFlagThreshold(bin.id, now.getTime())) {
      await flagBin(ctx.db, bin.id, 'many-presses', now.toISOString());
      ctx.logger.warn('bin flagged: unusually many presses', { bin: bin.id });
    }
    return c.redirect(thanks, 303);
  });

  app.on('GET', both('/B/:code/danke'), async (c) => {
    const bin = await activeBin(c.req.param('code') ?? '');
    const reason = c.req.query('grund');
    if (!isBinReason(reason)) throw new UserError(400, 'error.badReason');
    const [view, summary] = await Promise.all([binView(bin), summarizeBinTask(ctx.db, bin.id, await reasonCategory(reason))]);
    const repeat = c.req.query('schon') === '1';
    return c.html(<ThanksPage page={pageFor(c)} data={{ bin: view, reason, ...summary, repeat, now: ctx.clock.now() }} />);
  });

  app.get('/code', async (c) => {
    const page = pageFor(c);
    const raw = c.req.query('code');
    if (raw === undefined) return c.html(<CodeEntryPage page={page} />);
    const code = normalizeBinCode(raw);
    const problem = (status: 400 | 404 | 410, key: Parameters<typeof page.t>[0]) =>
      c.html(<CodeEntryPage page={page} value={raw} error={page.t(key, { example: EXAMPLE_CODE, code: code ? formatBinCode(code) : raw })} />, status);
    if (!code) return problem(400, 'error.codeMalformed');
    if (!isValidBinCode(code)) return problem(404, 'error.codeMistyped');
    const found = await lookupBinCode(ctx.db, code);
    if (found.status === 'unknown') return problem(404, 'error.codeUnknown');
    if (found.status === 'revoked') return problem(410, 'error.codeRevoked');
    if (found.status === 'retired') return problem(410, 'error.binRetired');
    return c.redirect(page.href(`/B/${code}`), 303);
  });

  return app;
}
