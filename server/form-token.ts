// A signed time stamp in the report form. People need a few seconds to fill it in; scripts that post
// at once are refused. Signed so that a bot cannot simply send an old time; no cookie needed. Each
// token files at most one report: /melden claims it in the filing transaction (db/form-tokens.ts),
// and the report's private status link is derived from it, so that the same form sent again leads
// to the same receipt (docs/decisions/031-sent-once.md).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Below this a form cannot have been read and filled in by a person. */
export const MIN_FILL_MS = 3_000;
/** A form older than this is stale (the page was left open overnight): sent again, it is re-rendered. */
export const MAX_FORM_AGE_MS = 24 * 3600_000;

function sign(secret: string, issued: number, nonce: string): string {
  return createHmac('sha256', secret).update(`form:${issued}:${nonce}`).digest('base64url').slice(0, 22);
}

/**
 * `issued.nonce.signature`. The random nonce makes every form's token its own: a used token is
 * claimed for one report (db/form-tokens.ts), and two people who open the form in the same
 * millisecond must not share one.
 */
export function issueFormToken(secret: string, now: Date, options: { readyNow?: boolean } = {}): string {
  // After a refusal for speed the form comes back with a token that counts as read already: the
  // person has seen the explanation, and a second send at once must not fail again (decision 031).
  const issued = now.getTime() - (options.readyNow ? MIN_FILL_MS : 0);
  const nonce = randomBytes(9).toString('base64url');
  return `${issued}.${nonce}.${sign(secret, issued, nonce)}`;
}

export type FormTokenCheck = 'ok' | 'too-fast' | 'invalid';

const NONCE = /^[A-Za-z0-9_-]{12}$/;

export function checkFormToken(secret: string, token: string | undefined, now: Date): FormTokenCheck {
  const [issuedText, nonce, signature, ...rest] = (token ?? '').split('.');
  const issued = Number(issuedText);
  if (!/^[0-9]{1,15}$/.test(issuedText ?? '') || !Number.isSafeInteger(issued) || !nonce || !NONCE.test(nonce) || !signature || rest.length) return 'invalid';
  const expected = Buffer.from(sign(secret, issued, nonce));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = now.getTime() - issued;
  if (age < MIN_FILL_MS) return 'too-fast';
  return age > MAX_FORM_AGE_MS ? 'invalid' : 'ok';
}

/** Until when a token can be accepted: its claim (db/form-tokens.ts) must be kept that long. Call after checkFormToken said 'ok'. */
export function formTokenExpiresAt(token: string): Date {
  return new Date(Number(token.split('.')[0]) + MAX_FORM_AGE_MS);
}

/**
 * The private status link of the report a form files: derived from the form's token with SECRET, so
 * that a later post of the same form (a double tap, a retry) can be answered with the same receipt
 * without the link being stored anywhere. Only the hash of the result is stored, as for any status
 * link; whoever holds the form's token could have filed the report with it anyway. 144 bits, like
 * newToken().
 */
export function statusTokenForForm(secret: string, token: string): string {
  return createHmac('sha256', secret).update(`status:${token}`).digest().subarray(0, 18).toString('base64url');
}
