// Marking a report as a duplicate of another: the duplicate closes as 'duplicate' pointing at the
// target, the target gains its supporters, and the confirmed reporters of the duplicate follow the
// target from now on. All in one transaction with an event on each side.
import { randomUUID } from 'node:crypto';
import { assertTransition, isOpen, isReportState } from '../domain/states.ts';
import { UserError } from '../domain/errors.ts';
import { inTransaction, type Db } from './connection.ts';
import { writeEvent, type ActionMeta } from './report-actions.ts';
import type { Subscription } from './schema.ts';

/** Why a report cannot be the target of a merge; null when it can. */
export type MergeTargetProblem = 'self' | 'unknown' | 'isDuplicate' | 'closed' | null;

export async function mergeTargetProblem(db: Db, duplicateId: number, targetId: number): Promise<MergeTargetProblem> {
  if (duplicateId === targetId) return 'self';
  const target = await db.selectFrom('reports').select(['state', 'duplicate_of']).where('id', '=', targetId).executeTakeFirst();
  if (!target) return 'unknown';
  if (target.duplicate_of !== null || target.state === 'duplicate') return 'isDuplicate';
  if (!isReportState(target.state) || !isOpen(target.state)) return 'closed';
  return null;
}

export interface MergeResult {
  movedSubscriptions: number;
  supportAdded: number;
}

/**
 * `hashFor` computes a new subscription row's token hash from the stored row, as createSubscription
 * does: tokens are derived from (id, report_id, created_at), so moving a subscriber means a new row
 * on the target (a fresh removal link), never an UPDATE of report_id, and the old row loses its address.
 */
export function mergeIntoReport(
  db: Db,
  input: { duplicateId: number; targetId: number; hashFor: (row: Subscription) => string },
  meta: ActionMeta,
): Promise<MergeResult> {
  return inTransaction(db, async (trx) => {
    const problem = await mergeTargetProblem(trx, input.duplicateId, input.targetId);
    if (problem) throw new UserError(problem === 'unknown' ? 422 : 409, `staff.report.duplicate.${problem}`, { number: input.targetId });
    const duplicate = await trx.selectFrom('reports').selectAll().where('id', '=', input.duplicateId).executeTakeFirst();
    if (!duplicate) throw new UserError(404, 'error.notFoundReport');
    assertTransition(duplicate.state, 'duplicate');

    const closed = await trx
      .updateTable('reports')
      .set({
        state: 'duplicate',
        duplicate_of: input.targetId,
        closed_at: meta.now,
        updated_at: meta.now,
        reopen_requested_at: null,
        acknowledged_at: duplicate.acknowledged_at ?? meta.now,
      })
      .where('id', '=', input.duplicateId)
      .where('state', '=', duplicate.state)
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) !== 1) throw new UserError(409, 'error.transition', { from: duplicate.state, to: { key: 'state.duplicate' } });
    await trx
      .updateTable('reports')
      .set((eb) => ({ support_count: eb('support_count', '+', duplicate.support_count), updated_at: meta.now }))
      .where('id', '=', input.targetId)
      .execute();

    const movedSubscriptions = await moveConfirmedSubscriptions(trx, input, meta.now);
    await writeEvent(
      trx,
      input.duplicateId,
      { type: 'merged_into', fromState: duplicate.state, toState: 'duplicate', detail: { target: input.targetId, support: duplicate.support_count, subscriptions: movedSubscriptions } },
      meta,
    );
    await writeEvent(trx, input.targetId, { type: 'duplicate_merged', detail: { duplicate: input.duplicateId, support: duplicate.support_count, subscriptions: movedSubscriptions } }, meta);
    return { movedSubscriptions, supportAdded: duplicate.support_count };
  });
}

/** Confirmed addresses of the duplicate follow the target; an address the target already has is not doubled. */
async function moveConfirmedSubscriptions(trx: Db, input: { duplicateId: number; targetId: number; hashFor: (row: Subscription) => string }, now: string): Promise<number> {
  const rows = await trx
    .selectFrom('subscriptions')
    .selectAll()
    .where('report_id', '=', input.duplicateId)
    .where('confirmed_at', 'is not', null)
    .where('email', 'is not', null)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
  const existing = await trx.selectFrom('subscriptions').select('email').where('report_id', '=', input.targetId).where('email', 'is not', null).where('removed_at', 'is', null).execute();
  const known = new Set(existing.map((r) => r.email!.toLowerCase()));
  let moved = 0;
  for (const row of rows) {
    const email = row.email!;
    if (!known.has(email.toLowerCase())) {
      const created = await trx
        .insertInto('subscriptions')
        .values({ report_id: input.targetId, email, lang: row.lang, token_hash: `pending:${randomUUID()}`, confirmed_at: row.confirmed_at, created_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.updateTable('subscriptions').set({ token_hash: input.hashFor(created) }).where('id', '=', created.id).execute();
      known.add(email.toLowerCase());
      moved++;
    }
    await trx.updateTable('subscriptions').set({ email: null, removed_at: now }).where('id', '=', row.id).execute();
  }
  return moved;
}
