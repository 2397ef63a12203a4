// Checking a code someone typed: throttled like passwords, accepted once. Used by the login's code page,
// by confirming the set-up and by turning the factor off.
import { claimTotpStep, findTotpState } from '../../db/staff-totp.ts';
import { normalizeLogin } from '../../db/staff.ts';
import type { Db } from '../../db/connection.ts';
import { attemptKeys, recordFailure, recordSuccess, throttledFor } from './login-throttle.ts';
import { matchTotp, normalizeCode } from './totp.ts';

/**
 * The account's code failures are counted under their own key, not the password's: a successful
 * password resets the password count, and whoever knows the password must not be able to reset the
 * count of wrong codes by logging in again. The client's count is shared with passwords.
 */
export function codeAttemptKeys(login: string, clientHash: string): { account: string; client: string } {
  return { account: `totp:${normalizeLogin(login)}`, client: attemptKeys(login, clientHash).client };
}

export type CodeCheck = { result: 'ok'; step: number } | { result: 'malformed' } | { result: 'wrong' } | { result: 'throttled'; seconds: number };

/**
 * Checks `input` against the account's secret. `use(step)` records the accepted step (claim it at
 * login, enable the factor at set-up) and must return false when the step was already used: then the
 * code counts as wrong. A malformed input ("12345") is not counted: it could not have been a guess.
 */
export async function checkCode(
  db: Db,
  input: { staffId: number; login: string; clientHash: string; code: unknown; now: Date; use?: (step: number) => Promise<boolean> },
): Promise<CodeCheck> {
  const keys = codeAttemptKeys(input.login, input.clientHash);
  const wait = await throttledFor(db, keys, input.now);
  if (wait !== null) return { result: 'throttled', seconds: wait };
  if (!normalizeCode(input.code)) return { result: 'malformed' };
  const state = await findTotpState(db, input.staffId);
  const step = state?.secret ? matchTotp(state.secret, input.code, input.now, state.lastStep) : null;
  const use = input.use ?? ((s: number) => claimTotpStep(db, input.staffId, s));
  if (step !== null && (await use(step))) {
    await recordSuccess(db, keys, input.now);
    return { result: 'ok', step };
  }
  await recordFailure(db, keys, input.now);
  return { result: 'wrong' };
}
