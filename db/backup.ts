// A consistent copy of the live SQLite database while the server keeps writing: SQLite's online backup
// API, copying every page in one step, so the copy is one read transaction's view (in WAL mode that
// read blocks no writer). What the copy says about photos decides which photo files belong to it.
// See docs/decisions/025-backup.md.
import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';

export interface Snapshot {
  /** Report rows in the copy. */
  reports: number;
  /** The newest migration the copy has. */
  schema: string | null;
  /** Photo files the copy's rows name and that retention has not removed: originals and redacted copies. */
  photoFiles: string[];
}

/** Sizes of the steps the backup copies in: every page at once (SQLite's -1), see snapshotDatabase. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the database at `source` into `target` (which must not exist) and checks the copy. Another
 * process may write to the source meanwhile. Throws when the source is missing or the copy fails
 * integrity_check.
 */
export async function snapshotDatabase(source: string, target: string): Promise<Snapshot> {
  if (!existsSync(source)) throw new Error(`there is no database at ${source}`);
  const live = new BetterSqlite3(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    // better-sqlite3 starts with a step of 0 pages and then asks `progress` for the next step's size.
    // A copy in small steps starts over whenever the server commits between two of them, and under
    // steady writes may never finish; one step of all pages holds one read transaction for its length.
    await live.backup(target, { progress: () => ALL_PAGES });
  } finally {
    live.close();
  }

  const copy = new BetterSqlite3(target, { fileMustExist: true });
  try {
    const check = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (check.join() !== 'ok') throw new Error(`the copy fails integrity_check: ${check.slice(0, 5).join('; ')}`);
    // One file instead of a file and its -wal: the server switches it back to WAL when it opens it.
    copy.pragma('journal_mode = DELETE');
    const reports = (copy.prepare('select count(*) as n from reports').get() as { n: number }).n;
    const schema = (copy.prepare('select max(name) as name from kysely_migration').get() as { name: string | null }).name;
    const rows = copy.prepare('select file, redacted_file from photos where removed_at is null order by id').all() as { file: string; redacted_file: string | null }[];
    const photoFiles = rows.flatMap((r) => (r.redacted_file ? [r.file, r.redacted_file] : [r.file]));
    return { reports, schema, photoFiles };
  } finally {
    copy.close();
  }
}
