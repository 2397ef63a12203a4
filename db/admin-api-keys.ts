// API keys for Open311 integrators. Only the sha256 of a key is stored, with a short prefix so
// that people can tell keys apart; a revoked key stays listed (who had access, and until when).
import type { Db } from './connection.ts';
import type { ApiKey } from './schema.ts';

export type ApiKeyOverview = ApiKey & { created_by_name: string | null };

export function listApiKeys(db: Db): Promise<ApiKeyOverview[]> {
  return db
    .selectFrom('api_keys')
    .leftJoin('staff', 'staff.id', 'api_keys.created_by')
    .selectAll('api_keys')
    .select('staff.display_name as created_by_name')
    .orderBy((eb) => eb.case().when('api_keys.revoked_at', 'is', null).then(0).else(1).end())
    .orderBy('api_keys.created_at', 'desc')
    .orderBy('api_keys.id', 'desc')
    .execute();
}

export async function insertApiKey(db: Db, key: { name: string; keyHash: string; prefix: string; createdBy: number; now: string }): Promise<number> {
  const row = await db
    .insertInto('api_keys')
    .values({ name: key.name, key_hash: key.keyHash, prefix: key.prefix, created_by: key.createdBy, created_at: key.now, last_used_at: null, revoked_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findApiKeyById(db: Db, id: number): Promise<ApiKey | undefined> {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findApiKeyByHash(db: Db, keyHash: string): Promise<ApiKey | undefined> {
  return db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
}

/** Revoking twice keeps the first time. */
export async function revokeApiKey(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function touchApiKey(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
}
