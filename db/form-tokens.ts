// Used /melden form tokens: one report per form, however often it is sent. The claim is an insert
// into a table whose primary key is the token's hash, inside the transaction that files the report:
// of several posts of one form (at once or one after another, on one instance or several) exactly
// one commits; the others find the claim and are answered with that report's receipt.
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

export interface FiledByForm {
  reportId: number;
  /** The hash of the report's status link, to check that the link derived from the form is its own. */
  statusTokenHash: string | null;
}

/** The report a token has filed, if it has. */
export async function findFormTokenReport(db: Db, tokenHash: string): Promise<FiledByForm | undefined> {
  return db
    .selectFrom('used_form_tokens')
    .innerJoin('reports', 'reports.id', 'used_form_tokens.report_id')
    .select(['used_form_tokens.report_id as reportId', 'reports.status_token_hash as statusTokenHash'])
    .where('used_form_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Forgets claims of tokens that the form check refuses anyway (older than the form's lifetime). */
export async function deleteExpiredFormTokens(db: Db, now: string): Promise<void> {
  await db.deleteFrom('used_form_tokens').where('expires_at', '<', now).execute();
}
