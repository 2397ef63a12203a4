// Checking a code someone typed: throttled like passwords, accepted once. Used by the login's code page,
// by confirming the set-up and by turning the factor off.
import { claimTotpStep, findTotpState } from '../../db/staff-totp.ts';
import type { Db } from '../../db/connection.ts';
import { attemptKeys, attemptSucceeded, claimAttempt, loginKey, throttledFor, type AttemptKeys } from './login-throttle.ts';
import { matchTotp, normalizeCode } from './totp.ts';

/**
 * The account's code failures are counted under their own key, not the password's: a successful
 * password resets the password count, and whoever knows the password must not be able to reset the
 * count of wrong codes by logging in again. The client's count is shared with passwords.
 */
export function codeAttemptKeys(secret: string, login: string, clientHash: string): AttemptKeys {
  return { account: loginKey(secret, 'totp', login), client: attemptKeys(secret, login, clientHash).client };
}

export type CodeCheck = { result: 'ok'; step: number } | { result: 'malformed' } | { result: 'wrong' } | { result: 'throttled'; seconds: number };

/**
 * Checks `input` against the account's secret. `use(step)` records the accepted step (claim it at
 * login, enable the factor at set-up) and must return false when the step was already used: then the
 * code counts as wrong. A malformed input ("12345") is not counted: it could not have been a guess.
 * A well-formed one is counted as a failure before it is checked (see login-throttle.ts).
 */
export async function checkCode(
  db: Db,
  input: { staffId: number; keys: AttemptKeys; code: unknown; now: Date; use?: (step: number) => Promise<boolean> },
): Promise<CodeCheck> {
  if (!normalizeCode(input.code)) {
    const wait = await throttledFor(db, input.keys, input.now);
    return wait === null ? { result: 'malformed' } : { result: 'throttled', seconds: wait };
  }
  const attempt = await claimAttempt(db, input.keys, input.now);
  if (attempt.status === 'throttled') return { result: 'throttled', seconds: attempt.seconds };
  const state = await findTotpState(db, input.staffId);
  const step = state?.secret ? matchTotp(state.secret, input.code, input.now, state.lastStep) : null;
  const use = input.use ?? ((s: number) => claimTotpStep(db, input.staffId, s));
  if (step !== null && (await use(step))) {
    await attemptSucceeded(db, attempt);
    return { result: 'ok', step };
  }
  return { result: 'wrong' };
}
