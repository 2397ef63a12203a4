// Rate limits for anonymous citizens. A client is known only by a keyed hash of its IP address; the
// key is derived from SECRET and the day, so it rotates daily and a hash cannot be linked across days
// or reversed without the secret. Neither the address nor the hash is stored or logged.
// The windows live in process memory: right for one SQLite instance. With several instances on
// PostgreSQL they must move to the database (see docs/decisions/009-bin-presses.md).
import { createHmac } from 'node:crypto';
import type { Context } from 'hono';
import { UserError } from '../domain/errors.ts';
import { waitInWords } from '../domain/time-words.ts';
import type { Lang, Translate } from './i18n/index.ts';

export interface Limit {
  max: number;
  windowMs: number;
}

let lastDayKey: { secret: string; day: string; key: Buffer } | null = null;

/** The key of the day, derived once per day rather than once per request. */
function dayKeyFor(secret: string, day: string): Buffer {
  if (lastDayKey?.secret !== secret || lastDayKey.day !== day) {
    lastDayKey = { secret, day, key: createHmac('sha256', secret).update(`client-key:${day}`).digest() };
  }
  return lastDayKey.key;
}

export function clientKey(secret: string, address: string, now: Date): string {
  const dayKey = dayKeyFor(secret, now.toISOString().slice(0, 10));
  return createHmac('sha256', dayKey).update(address).digest('base64url').slice(0, 22);
}

/**
 * The address of the client: the socket's peer, or, behind a reverse proxy that we trust, the
 * address that proxy appended last to X-Forwarded-For.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For');
    const last = forwarded?.split(',').pop()?.trim();
    if (last) return last;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Fixed windows counted per key. The map keeps windows in the order they started (a renewed window
 * moves to the end), so expired ones are always at the front and are dropped there as new ones come:
 * amortised constant time even under a flood of new clients. Past maxKeys the oldest windows go too,
 * which bounds memory and at worst forgets the oldest counts.
 */
export class WindowCounter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 200_000,
  ) {}

  /** Counts one hit and returns the count in the current window, this hit included. */
  hit(key: string, now: number): number {
    const current = this.windows.get(key);
    if (current && now - current.start < this.windowMs) return ++current.count;
    if (current) this.windows.delete(key);
    this.windows.set(key, { start: now, count: 1 });
    this.evict(now);
    return 1;
  }

  /** When the key's current window ends (ms since the epoch); `now` when it has none. */
  windowEnd(key: string, now: number): number {
    const current = this.windows.get(key);
    return current && now - current.start < this.windowMs ? current.start + this.windowMs : now;
  }

  peek(key: string, now: number): number {
    const current = this.windows.get(key);
    return current && now - current.start < this.windowMs ? current.count : 0;
  }

  get size(): number {
    return this.windows.size;
  }

  private evict(now: number): void {
    for (const [key, w] of this.windows) {
      if (now - w.start < this.windowMs && this.windows.size <= this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}

export class RateLimiter {
  private counter: WindowCounter;

  constructor(readonly limit: Limit) {
    this.counter = new WindowCounter(limit.windowMs);
  }

  /** True when this hit is still within the limit. Hits over the limit count too, so hammering does not help. */
  allow(key: string, now: number): boolean {
    return this.take(key, now) === 0;
  }

  /**
   * Counts the hit like allow; 0 when it is within the limit, otherwise the milliseconds until the
   * window frees up (what Retry-After and the page should say). Refused hits never move the window.
   */
  take(key: string, now: number): number {
    return this.counter.hit(key, now) <= this.limit.max ? 0 : this.counter.windowEnd(key, now) - now;
  }

  /** What take would answer, without counting a hit: for a check before costly work that may not end in one. */
  wouldRefuse(key: string, now: number): number {
    return this.counter.peek(key, now) < this.limit.max ? 0 : this.counter.windowEnd(key, now) - now;
  }
}

export interface Bucket {
  /** How many may come at once. */
  burst: number;
  /** One more is allowed each time this much time passes, up to `burst`. */
  refillMs: number;
}

/**
 * A token bucket per key: `burst` at once, then one every `refillMs`. For limits on an address that
 * many people may share (a mobile network, an office): after a burst the next one waits minutes, not
 * the rest of an hour, and sustained use is still bounded (docs/decisions/031-sent-once.md). Same
 * interface as RateLimiter. Refused hits take nothing, and hammering gains nothing either: the bucket
 * only fills with time. A bucket that has filled up is the same as none, so such buckets are dropped
 * from the front of the map (least recently used first); past maxKeys the oldest go too.
 */
export class TokenBucket {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly limit: Bucket,
    private readonly maxKeys = 200_000,
  ) {}

  private level(key: string, now: number): number {
    const b = this.buckets.get(key);
    return b ? Math.min(this.limit.burst, b.tokens + Math.max(0, now - b.at) / this.limit.refillMs) : this.limit.burst;
  }

  /** 0 and one taken when the key has one left; otherwise the milliseconds until it has. */
  take(key: string, now: number): number {
    const wait = this.wouldRefuse(key, now);
    if (wait > 0) return wait;
    const tokens = this.level(key, now) - 1;
    this.buckets.delete(key);
    this.buckets.set(key, { tokens, at: now });
    this.evict(now);
    return 0;
  }

  /** What take would answer, without taking. */
  wouldRefuse(key: string, now: number): number {
    const level = this.level(key, now);
    return level >= 1 ? 0 : Math.ceil((1 - level) * this.limit.refillMs);
  }

  get size(): number {
    return this.buckets.size;
  }

  private evict(now: number): void {
    for (const [key] of this.buckets) {
      if (this.level(key, now) < this.limit.burst && this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}

/** Whole seconds of a wait, at least one: what Retry-After says. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** The friendly 429 of the citizen pages, with the real wait in the header and in words. */
export function rateLimitedError(waitMs: number, now: Date, page: { lang: Lang; t: Translate }): UserError {
  const seconds = retryAfterSeconds(waitMs);
  return new UserError(429, 'error.rateLimited', { wait: waitInWords(seconds, now, page.lang, page.t) }, { titleKey: 'error.rateLimitedTitle', retryAfterSeconds: seconds });
}
