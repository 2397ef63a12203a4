// A signed time stamp in the report form. People need a few seconds to fill it in; scripts that post
// at once are refused. Signed so that a bot cannot simply send an old time; no cookie needed.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Below this a form cannot have been read and filled in by a person. */
export const MIN_FILL_MS = 3_000;
/** A form older than this is stale (the page was left open overnight): sent again, it is re-rendered. */
export const MAX_FORM_AGE_MS = 24 * 3600_000;

function sign(secret: string, issued: number): string {
  return createHmac('sha256', secret).update(`form:${issued}`).digest('base64url').slice(0, 22);
}

export function issueFormToken(secret: string, now: Date): string {
  const issued = now.getTime();
  return `${issued}.${sign(secret, issued)}`;
}

export type FormTokenCheck = 'ok' | 'too-fast' | 'invalid';

export function checkFormToken(secret: string, token: string | undefined, now: Date): FormTokenCheck {
  const [issuedText, signature] = (token ?? '').split('.');
  const issued = Number(issuedText);
  if (!Number.isSafeInteger(issued) || !signature) return 'invalid';
  const expected = Buffer.from(sign(secret, issued));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = now.getTime() - issued;
  if (age < MIN_FILL_MS) return 'too-fast';
  return age > MAX_FORM_AGE_MS ? 'invalid' : 'ok';
}
