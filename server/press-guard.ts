// Limits for presses on bin stickers, and the watch for bins that get unusually many.
import { RateLimiter, WindowCounter, type Limit } from './rate-limit.ts';

export interface PressLimits {
  /** One person at one bin: full, then damaged, then other is three presses; six leaves room for mistakes. */
  perBin: Limit;
  /** One person across bins: generous, because many phones share an address behind carrier NAT. */
  overall: Limit;
  /** Presses per bin and hour from everyone that make staff look at the bin. */
  flagPerHour: number;
}

export const DEFAULT_PRESS_LIMITS: PressLimits = {
  perBin: { max: 6, windowMs: 10 * 60_000 },
  overall: { max: 60, windowMs: 60 * 60_000 },
  flagPerHour: 20,
};

export class PressGuard {
  private perBin: RateLimiter;
  private overall: RateLimiter;
  private binPresses = new WindowCounter(60 * 60_000);

  constructor(private readonly limits: PressLimits = DEFAULT_PRESS_LIMITS) {
    this.perBin = new RateLimiter(limits.perBin);
    this.overall = new RateLimiter(limits.overall);
  }

  /** Counts the press for the client; false when either limit is exceeded. */
  allow(client: string, binId: number, now: number): boolean {
    return this.take(client, binId, now) === 0;
  }

  /** Counts the press like allow; 0 when it is allowed, otherwise the milliseconds until both limits allow again. */
  take(client: string, binId: number, now: number): number {
    const binWait = this.perBin.take(`${client}:${binId}`, now);
    const overallWait = this.overall.take(client, now);
    return Math.max(binWait, overallWait);
  }

  /** Counts an accepted press; true exactly once per hour window, when the bin crosses the threshold. */
  crossesFlagThreshold(binId: number, now: number): boolean {
    return this.binPresses.hit(String(binId), now) === this.limits.flagPerHour;
  }
}
