// GET /adressen?q=…: address suggestions for the report form's address field as one types
// (web/address-suggest.js). Public like the form, and cheap on purpose: one index range per request
// (tests/addresses/query-plans.test.ts), the answers of the last minute kept in memory, a generous
// limit per client that only a script reaches, and a response browsers and proxies may keep a while.
import { Hono } from 'hono';
import { suggestAddresses, type Suggestion } from '../address-lookup.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { ADDRESS_MAX } from '../../domain/report-form.ts';
import { clientAddress, clientKey, RateLimiter, retryAfterSeconds } from '../rate-limit.ts';
import { TtlCache } from '../ttl-cache.ts';

/** Typing sends one request per pause; 300 a minute is ten fields typed at once by one person. */
const LIMIT = { max: 300, windowMs: 60_000 };
/** An import runs in another process: after it, suggestions are at most this old. */
const CACHE_MS = 60_000;

export function addressRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  const limit = new RateLimiter(LIMIT);
  const cache = new TtlCache<string, Suggestion[]>(CACHE_MS, 5_000);

  app.get('/adressen', async (c) => {
    const now = ctx.clock.now();
    const wait = limit.take(clientKey(ctx.config.secret, clientAddress(c, ctx.config.trustProxy), now), now.getTime());
    if (wait > 0) {
      const seconds = retryAfterSeconds(wait);
      c.header('Retry-After', String(seconds));
      return c.json({ error: { status: 429, message: c.get('t')('error.rateLimitedTitle') } }, 429);
    }
    // Case and spacing do not change the answer, so they share a cache entry.
    const q = (c.req.query('q') ?? '').slice(0, ADDRESS_MAX).replace(/\s+/g, ' ').trim().toLowerCase();
    const suggestions = q ? await cache.get(q, now.getTime(), () => suggestAddresses(ctx.db, q)) : [];
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ suggestions });
  });

  return app;
}
