// Shortcuts for the report-action tests: a seeded app with one report, form posts as a colleague,
// and readers for what an action leaves behind (events, the report row, subscriptions).
import { confirmSubscription, createSubscription } from '../../db/subscriptions.ts';
import type { App } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { hashToken, subscriptionToken } from '../../server/subscriptions.ts';
import { asStaff } from '../staff-helpers.ts';

export type Actor = Awaited<ReturnType<typeof asStaff>>;

/** A form POST as the browser sends it, with the session's CSRF token unless `csrf: false`. */
export function postForm(actor: Actor, path: string, fields: Record<string, string> = {}, options: { csrf?: boolean } = {}) {
  const body = new URLSearchParams(options.csrf === false ? fields : { csrf: actor.csrfToken, ...fields });
  return actor.request(path, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

/** The same POST without any session (not logged in). */
export function postAnonymous(app: App, path: string, fields: Record<string, string> = {}) {
  return app.request(path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

export function eventsOf(ctx: AppContext, reportId: number) {
  return ctx.db.selectFrom('report_events').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
}

export function reportRow(ctx: AppContext, reportId: number) {
  return ctx.db.selectFrom('reports').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow();
}

/** Everything an action could have touched, to compare before and after a refused request. */
export async function snapshot(ctx: AppContext) {
  const [reports, events, subscriptions] = await Promise.all([
    ctx.db.selectFrom('reports').selectAll().orderBy('id').execute(),
    ctx.db.selectFrom('report_events').selectAll().orderBy('id').execute(),
    ctx.db.selectFrom('subscriptions').selectAll().orderBy('id').execute(),
  ]);
  return { reports, events, subscriptions };
}

/** A reporter's address on a report, written as the subscription code does (with its derived token hash). */
export async function addSubscriber(ctx: AppContext, reportId: number, email: string, options: { confirmed?: boolean; lang?: 'de' | 'en' } = {}) {
  const row = await createSubscription(ctx.db, { reportId, email, lang: options.lang ?? 'de', now: ctx.clock.now().toISOString() }, (r) =>
    hashToken(subscriptionToken(ctx.config.secret, r)),
  );
  if (options.confirmed !== false) await confirmSubscription(ctx.db, row.id, ctx.clock.now().toISOString());
  return row;
}

/** The text of an HTML page without tags, blanks collapsed, for "the page says …" checks. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}
