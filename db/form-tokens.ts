// Used /melden form tokens: one report per form, however often it is sent. The claim is an insert
// into a table whose primary key is the token's hash, inside the transaction that files the report:
// of several posts of one form (at once or one after another, on one instance or several) exactly
// one commits; the others find the claim and are told that the report has arrived.
import type { Db } from './connection.ts';

/** Claims the token for the report; false when another report claimed it first (nothing is written then). */
export async function claimFormToken(trx: Db, claim: { tokenHash: string; reportId: number; expiresAt: string }): Promise<boolean> {
  const result = await trx
    .insertInto('used_form_tokens')
    .values({ token_hash: claim.tokenHash, report_id: claim.reportId, expires_at: claim.expiresAt })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The report a token has filed, if it has. */
export async function findFormTokenReport(db: Db, tokenHash: string): Promise<number | undefined> {
  const row = await db.selectFrom('used_form_tokens').select('report_id').where('token_hash', '=', tokenHash).executeTakeFirst();
  return row?.report_id;
}

/** Forgets claims of tokens that the form check refuses anyway (older than the form's lifetime). */
export async function deleteExpiredFormTokens(db: Db, now: string): Promise<void> {
  await db.deleteFrom('used_form_tokens').where('expires_at', '<', now).execute();
}
