// A small semaphore with a bounded queue for CPU-heavy work that must not run more than a few times
// at once in this process (decoding photos): two cores decoding six 40-megapixel photos side by side
// starve every other request. Work beyond the running slots waits in line; when the line is full
// too, run() refuses at once, so the caller can answer 503 instead of letting requests pile up.
// Per process on purpose: it guards this process' CPU and memory, not a shared budget.

export class GateFullError extends Error {
  constructor() {
    super('work gate full');
  }
}

export interface GateStats {
  /** Work running right now. */
  active: number;
  /** Work waiting for a slot. */
  queued: number;
  /** The most work that ever ran at the same time (instrumentation for tests and benchmarks). */
  peak: number;
  /** Work started since the process began. */
  started: number;
  /** Work refused because the line was full. */
  refused: number;
}

export class WorkGate {
  private slotsTaken = 0;
  private readonly waiting: Array<() => void> = [];
  private active = 0;
  private peak = 0;
  private started = 0;
  private refused = 0;

  constructor(
    readonly concurrency: number,
    readonly maxQueue: number,
  ) {}

  /** Runs `work` when a slot is free; throws GateFullError when all slots are busy and the line is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    this.active++;
    this.started++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await work();
    } finally {
      this.active--;
      this.release();
    }
  }

  /** Starts measuring the peak anew (a benchmark or test that wants the peak of its own run). */
  resetPeak(): void {
    this.peak = this.active;
  }

  stats(): GateStats {
    return { active: this.active, queued: this.waiting.length, peak: this.peak, started: this.started, refused: this.refused };
  }

  private acquire(): Promise<void> {
    if (this.slotsTaken < this.concurrency) {
      this.slotsTaken++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxQueue) {
      this.refused++;
      return Promise.reject(new GateFullError());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** A finished piece of work hands its slot straight to the next in line, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.slotsTaken--;
  }
}
