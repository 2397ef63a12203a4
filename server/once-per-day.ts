// "Once per client and thing per day": a bin press per task, an "Ich auch" per report. The key is
// the client's keyed daily hash (rate-limit.ts clientKey) with the thing's id, kept only in process
// memory: nothing personal is stored, the key changes with the day, and a press costs no database
// round trip for it. See docs/decisions/031-sent-once.md.
//
// The check and the claim are one synchronous step, so of presses that arrive together exactly one
// does the work; the others wait for its result and are answered as repeats. Work that fails is
// forgotten, so something that was not stored can be sent again.

const DAY_MS = 24 * 3600_000;

interface Entry<T> {
  at: number;
  result: Promise<T>;
}

export type Once<T> = { repeat: boolean; result: T };

export class OncePerDay<T> {
  private entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs = DAY_MS,
    private readonly maxKeys = 200_000,
  ) {}

  /**
   * Runs `work` unless the key did it within the day; a repeat gets the first one's result.
   * `stillCurrent` is asked about a remembered result before it makes a repeat (only then, so the
   * common first press costs nothing): false when the thing it names has passed (a bin's task was
   * closed and a new one may open), and the work is done again.
   */
  async run(key: string, now: number, work: () => Promise<T>, stillCurrent: (result: T) => Promise<boolean> | boolean = () => true): Promise<Once<T>> {
    for (;;) {
      const entry = this.entries.get(key);
      if (!entry || now - entry.at >= this.ttlMs) return { repeat: false, result: await this.start(key, now, work) };
      let result: T;
      try {
        result = await entry.result;
      } catch {
        continue; // its own caller has forgotten it; look again
      }
      if (this.entries.get(key) === entry && (await stillCurrent(result))) return { repeat: true, result };
      // Passed (or replaced meanwhile by a caller that found it passed): the first to get here starts anew.
      if (this.entries.get(key) === entry) this.entries.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private start(key: string, now: number, work: () => Promise<T>): Promise<T> {
    // The executor runs at once: the claim and the start of the work are one synchronous step.
    const entry: Entry<T> = { at: now, result: new Promise<T>((resolve) => resolve(work())) };
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.evict(now);
    entry.result.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.result;
  }

  /** Entries are in the order they started: expired ones are at the front. Past maxKeys the oldest go. */
  private evict(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.at < this.ttlMs && this.entries.size <= this.maxKeys) break;
      this.entries.delete(key);
    }
  }
}
