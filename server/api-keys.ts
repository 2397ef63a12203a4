// API keys for Open311 integrators: `sm_` + 32 random bytes in base64url (256 bits). The key is shown
// once when it is made; the database keeps its sha256 (a fast hash is right here: the key is random
// and long, so there is nothing to guess) and the first characters as a prefix to tell keys apart.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { findApiKeyByHash, insertApiKey, touchApiKey } from '../db/admin-api-keys.ts';
import type { ApiKey } from '../db/schema.ts';

export const API_KEY_PREFIX = 'sm_';
const KEY_BYTES = 32;
/** `sm_` and 8 characters: 48 bits, enough to tell a city's keys apart, far too few to guess a key. */
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
/** last_used_at is bookkeeping: written at most once a minute, not on every request. */
const TOUCH_EVERY_MS = 60_000;
const KEY_PATTERN = /^sm_[A-Za-z0-9_-]{43}$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): { key: string; keyHash: string; prefix: string } {
  const key = API_KEY_PREFIX + randomBytes(KEY_BYTES).toString('base64url');
  return { key, keyHash: hashApiKey(key), prefix: key.slice(0, SHOWN_PREFIX_LENGTH) };
}

/** Makes a key for an integrator and returns it; this is the only time the key exists in the clear. */
export async function createApiKey(db: Db, input: { name: string; createdBy: number; now: string }): Promise<{ id: number; key: string; prefix: string }> {
  const { key, keyHash, prefix } = generateApiKey();
  const id = await insertApiKey(db, { name: input.name, keyHash, prefix, createdBy: input.createdBy, now: input.now });
  return { id, key, prefix };
}

/** The key's row, revoked or not; undefined for anything that is not a key we issued. */
export async function findApiKey(db: Db, key: string): Promise<ApiKey | undefined> {
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) return undefined;
  return findApiKeyByHash(db, hashApiKey(key));
}

/**
 * For the Open311 POST API: the key's row if it may be used now (issued by us and not revoked), and
 * notes the use; null otherwise. The lookup is by hash, so no comparison of secrets happens in code.
 */
export async function verifyApiKey(db: Db, key: string, now: Date): Promise<ApiKey | null> {
  const row = await findApiKey(db, key);
  if (!row || row.revoked_at !== null) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
    await touchApiKey(db, row.id, now.toISOString());
    return { ...row, last_used_at: now.toISOString() };
  }
  return row;
}
