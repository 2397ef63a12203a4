// Form posts must come from our own pages. A foreign page could otherwise make its visitors' browsers
// press bins, support reports or file them (the browser sends the form, the visitor never sees it).
// Browsers say where a request comes from: Sec-Fetch-Site (Fetch Metadata) and Origin. A request with
// neither (an old browser, curl, a mail provider's one-click unsubscribe) is let through: a browser
// that could be abused by a foreign page sends at least Origin on a cross-origin POST.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { UserError } from '../domain/errors.ts';
import { formPageOf } from './views/page.ts';

/** Machine interfaces authenticate their callers by key, not by origin; none exist yet. */
const MACHINE_PREFIXES = ['/open311/', '/ingest/'];

export function isCrossSiteRequest(headers: { fetchSite?: string; origin?: string }, ownOrigins: () => readonly string[]): boolean {
  const { fetchSite, origin } = headers;
  // 'same-site' is another host of the same domain: still not one of our pages.
  if (fetchSite !== undefined) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  if (origin === undefined) return false;
  // "null" is what a sandboxed frame or a page that hides its origin sends.
  return !ownOrigins().includes(origin);
}

export function refuseCrossSiteForms(publicBaseUrl: string): MiddlewareHandler<AppEnv> {
  const publicOrigin = new URL(publicBaseUrl).origin;
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    if (MACHINE_PREFIXES.some((prefix) => c.req.path.startsWith(prefix))) return next();
    // Behind a proxy the request's own URL may name an internal host; the public address counts too.
    // Parsed only when needed: most posts (every bin press) carry Sec-Fetch-Site or no Origin at all.
    const own = () => [publicOrigin, new URL(c.req.url).origin];
    if (isCrossSiteRequest({ fetchSite: c.req.header('Sec-Fetch-Site'), origin: c.req.header('Origin') }, own)) {
      throw new UserError(403, 'error.crossSite', {}, { titleKey: 'error.crossSiteTitle', pageHref: formPageOf(c.req.path) });
    }
    return next();
  };
}
