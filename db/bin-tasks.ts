// Bin tasks: the one open report per bin and reason. A press either counts on the open task, is
// noted on a task that was closed moments ago, or opens a new task; always with its event row.
import type { RoutingTable } from '../domain/routing.ts';
import { CLOSED_STATES, OPEN_STATES } from '../domain/states.ts';
import { fileReport } from '../server/filing.ts';
import { sql } from 'kysely';
import { inTransaction, type Db } from './connection.ts';
import { changeReportState } from './reports.ts';
import type { Bin } from './schema.ts';

const OPEN_STATE_LITERALS = sql.join(OPEN_STATES.map((state) => sql.lit(state)));

/**
 * The category as a filter among one bin's few reports (found through reports_bin), behind a unary
 * plus: as a term of its own SQLite searched reports_kpi_bins by category, every report of it.
 */
const byCategoryWithinBin = (column: 'category_id' | 'reports.category_id') => sql<number>`+${sql.ref(column)}`;

/**
 * A press within this time after a task was closed (the crew just emptied the bin) does not open a
 * new task: most such presses come from people who saw the bin full before the crew came. The press
 * is kept as an event on the closed task, so staff see it in the bin's history. See
 * docs/decisions/009-bin-presses.md.
 */
export const AFTER_CLOSE_GRACE_MS = 30 * 60_000;

export type PressOutcome = 'opened' | 'counted' | 'after-close';

export interface PressResult {
  outcome: PressOutcome;
  reportId: number;
}

export interface BinPress {
  bin: Pick<Bin, 'id' | 'lat' | 'lon'>;
  categoryId: number;
  text: string | null;
  now: string;
  /** The routing table for a new task, when the caller keeps one; loaded otherwise. */
  routing?: RoutingTable;
}

export interface PressEventRow {
  report_id: number;
  type: 'scanned' | 'scanned_after_close';
  body: string | null;
  created_at: string;
}

/**
 * Records one press. The history row of a counted press goes to `deferEvent` when given (a batch
 * writes all of them in one statement before its commit), and is inserted at once otherwise.
 */
export async function recordBinPress(db: Db, press: BinPress, deferEvent?: (row: PressEventRow) => void): Promise<PressResult> {
  return inTransaction(db, async (trx) => {
    const addEvent = (reportId: number, type: PressEventRow['type']) => {
      const row = { report_id: reportId, type, body: press.text, created_at: press.now };
      return deferEvent ? deferEvent(row) : insertPressEvents(trx, [row]);
    };
    // The common case in one statement: count on the open task, if there is one. Written with the sql
    // tag because this is the hottest statement of the Müllmelder and the query builder's compile
    // cost was a tenth of a press; the tag still compiles per dialect, and both engines have RETURNING.
    // The open states are written as literals: only then can SQLite prove that the partial index
    // reports_one_open_bin_task (bin_id, category_id) applies. With bound parameters it read every
    // report of the category through reports_kpi_bins instead (issue 10, defect 13).
    const counted = await sql<{ id: number }>`update reports set support_count = support_count + 1, updated_at = ${press.now}
      where bin_id = ${press.bin.id} and category_id = ${press.categoryId} and state in (${OPEN_STATE_LITERALS})
      returning id`.execute(trx);
    const open = counted.rows[0];
    if (open) {
      await addEvent(open.id, 'scanned');
      return { outcome: 'counted', reportId: open.id };
    }

    const recent = await findRecentlyClosedTask(trx, press.bin.id, press.categoryId, press.now);
    if (recent) {
      await addEvent(recent.id, 'scanned_after_close');
      return { outcome: 'after-close', reportId: recent.id };
    }

    const { report } = await fileReport(
      trx,
      { categoryId: press.categoryId, binId: press.bin.id, lat: press.bin.lat, lon: press.bin.lon, locationSource: 'bin', source: 'qr', description: press.text },
      press.now,
      press.routing,
    );
    return { outcome: 'opened', reportId: report.id };
  });
}

/**
 * Whether a press would still land on this task: it is open, or it was closed within the grace time
 * (a press is then noted on it). Asked only for a client's second press on a bin and reason within a
 * day (server/once-per-day.ts), so the first press, the common one, never pays for it.
 */
export async function pressWouldLandOn(db: Db, reportId: number, now: string): Promise<boolean> {
  const row = await db.selectFrom('reports').select(['state', 'closed_at']).where('id', '=', reportId).executeTakeFirst();
  if (!row) return false;
  if ((OPEN_STATES as readonly string[]).includes(row.state)) return true;
  return row.closed_at !== null && Date.parse(row.closed_at) >= Date.parse(now) - AFTER_CLOSE_GRACE_MS;
}

export async function insertPressEvents(db: Db, rows: PressEventRow[]): Promise<void> {
  // 100 rows x 4 values stay well under SQLite's limit of bound parameters.
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('report_events').values(rows.slice(i, i + 100)).execute();
}

function findRecentlyClosedTask(db: Db, binId: number, categoryId: number, now: string) {
  const since = new Date(Date.parse(now) - AFTER_CLOSE_GRACE_MS).toISOString();
  return db
    .selectFrom('reports')
    .select(['id', 'closed_at'])
    .where('bin_id', '=', binId)
    .where(byCategoryWithinBin('category_id'), '=', categoryId)
    .where('state', 'in', CLOSED_STATES)
    .where('closed_at', '>=', since)
    .orderBy('closed_at', 'desc')
    .executeTakeFirst();
}

export interface OpenBinTask {
  reportId: number;
  categoryId: number;
  binReason: string | null;
  count: number;
  createdAt: string;
}

/** The open tasks of a bin, for the scan page. */
export async function listOpenBinTasks(db: Db, binId: number): Promise<OpenBinTask[]> {
  const rows = await db
    .selectFrom('reports')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .select(['reports.id', 'reports.category_id', 'categories.bin_reason', 'reports.support_count', 'reports.created_at'])
    .where('reports.bin_id', '=', binId)
    .where('reports.state', 'in', OPEN_STATES)
    .orderBy('reports.created_at')
    .execute();
  return rows.map((r) => ({ reportId: r.id, categoryId: r.category_id, binReason: r.bin_reason, count: r.support_count, createdAt: r.created_at }));
}

/**
 * The crew emptied the bin: its open "full" task (and any other task the emptying settles, such as
 * litter around it) is done, and the bin remembers when.
 */
export async function markBinEmptied(db: Db, binId: number, options: { now: string; actor: string }): Promise<number[]> {
  return inTransaction(db, async (trx) => {
    const tasks = await trx
      .selectFrom('reports')
      .innerJoin('categories', 'categories.id', 'reports.category_id')
      .select('reports.id')
      .where('reports.bin_id', '=', binId)
      .where('categories.bin_reason', 'in', ['full', 'dirty'])
      .where('reports.state', 'in', OPEN_STATES)
      .execute();
    for (const task of tasks) await changeReportState(trx, task.id, { to: 'done', actor: options.actor, now: options.now });
    await trx.updateTable('bins').set({ last_emptied_at: options.now }).where('id', '=', binId).execute();
    // The bin's own history keeps every emptying, also one that closed no task (docs/decisions/018).
    const reports = tasks.map((t) => t.id);
    await trx.insertInto('bin_events').values({ bin_id: binId, type: 'emptied', body: JSON.stringify({ reports }), actor: options.actor, created_at: options.now }).execute();
    return reports;
  });
}

/** Marks a bin for staff attention once; a flag already set keeps its first time. */
export async function flagBin(db: Db, binId: number, reason: string, now: string): Promise<void> {
  await db.updateTable('bins').set({ flagged_at: now, flag_reason: reason }).where('id', '=', binId).where('flagged_at', 'is', null).execute();
}

export interface BinTaskSummary {
  open: { count: number; department: string; targetHours: number } | null;
  /** When the latest closed task of this bin and reason was closed, if any. */
  closedAt: string | null;
}

/** What the thank-you page says: the open task's count and who handles it, or the last closing. */
export async function summarizeBinTask(db: Db, binId: number, categoryId: number): Promise<BinTaskSummary> {
  const open = await db
    .selectFrom('reports')
    .innerJoin('departments', 'departments.id', 'reports.department_id')
    .innerJoin('categories', 'categories.id', 'reports.category_id')
    .select(['reports.support_count', 'departments.name', 'categories.target_hours'])
    .where('reports.bin_id', '=', binId)
    .where(byCategoryWithinBin('reports.category_id'), '=', categoryId)
    .where('reports.state', 'in', OPEN_STATES)
    .executeTakeFirst();
  if (open) return { open: { count: open.support_count, department: open.name, targetHours: open.target_hours }, closedAt: null };
  const closed = await db
    .selectFrom('reports')
    .select('closed_at')
    .where('bin_id', '=', binId)
    .where(byCategoryWithinBin('category_id'), '=', categoryId)
    .where('state', 'in', CLOSED_STATES)
    .orderBy('closed_at', 'desc')
    .executeTakeFirst();
  return { open: null, closedAt: closed?.closed_at ?? null };
}
