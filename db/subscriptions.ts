// E-mail addresses that follow a report. A row is found only by the hash of its token; removing an
// address clears it and keeps the row, so the history still shows that someone followed the report.
import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from './connection.ts';
import type { Subscription } from './schema.ts';

export interface NewSubscription {
  reportId: number;
  email: string;
  lang: string;
  now: string;
}

/**
 * Inserts the row and lets `hashFor` compute its token hash from the stored row (the token is derived
 * from the row's id, which exists only after the insert), all in one transaction.
 */
export function createSubscription(db: Db, input: NewSubscription, hashFor: (row: Subscription) => string): Promise<Subscription> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('subscriptions')
      .values({ report_id: input.reportId, email: input.email, lang: input.lang, token_hash: `pending:${randomUUID()}`, created_at: input.now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const token_hash = hashFor(row);
    await trx.updateTable('subscriptions').set({ token_hash }).where('id', '=', row.id).execute();
    return { ...row, token_hash };
  });
}

/** Only rows that still have an address: a removed one is as unknown as a token that never existed. */
export function findActiveSubscription(db: Db, tokenHash: string): Promise<Subscription | undefined> {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('email', 'is not', null)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

/** Confirming twice is harmless: the first confirmation time stays. */
export async function confirmSubscription(db: Db, id: number, now: string): Promise<void> {
  await db
    .updateTable('subscriptions')
    .set({ confirmed_at: now })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .where('email', 'is not', null)
    .execute();
}

export async function removeSubscriptionAddress(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('subscriptions').set({ email: null, removed_at: now }).where('id', '=', id).where('removed_at', 'is', null).execute();
}

/** Who gets a status mail: confirmed rows that still have an address. */
export function listConfirmedSubscriptions(db: Db, reportId: number): Promise<Array<Subscription & { email: string }>> {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('confirmed_at', 'is not', null)
    .where('email', 'is not', null)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute() as Promise<Array<Subscription & { email: string }>>;
}
