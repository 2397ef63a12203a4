// Group commit for bin presses. Presses that arrive in the same turn of the event loop are written
// in one transaction, and each caller is answered only after that commit: nothing is acknowledged
// before it is stored, and a busy bin costs one commit per batch instead of one per press.
import { inTransaction, type Db } from './connection.ts';
import { insertPressEvents, recordBinPress, type BinPress, type PressEventRow, type PressResult } from './bin-tasks.ts';

interface Waiting {
  press: BinPress;
  resolve: (result: PressResult) => void;
  reject: (error: unknown) => void;
}

export class PressBatcher {
  private queue: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 200,
  ) {}

  record(press: BinPress): Promise<PressResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ press, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, this.maxBatch);
    try {
      const results: PressResult[] = [];
      const events: PressEventRow[] = [];
      await inTransaction(this.db, async (trx) => {
        for (const w of batch) results.push(await recordBinPress(trx, w.press, (row) => events.push(row)));
        await insertPressEvents(trx, events);
      });
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch {
      // One bad press must not fail the others: write them one by one, each in its own transaction.
      for (const w of batch) await recordBinPress(this.db, w.press).then(w.resolve, w.reject);
    } finally {
      if (this.queue.length) setImmediate(() => void this.flush());
      else this.scheduled = false;
    }
  }
}
