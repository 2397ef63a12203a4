// Errors that a person caused and should read about in their language. The message is an i18n key
// with parameters; the one onError in server/app.ts renders it for the audience.
import type { MessageKey, MessageParams } from '../server/i18n/index.ts';

/** How the error page should help: offer the code-entry form, tell the client when to retry. */
export interface ErrorHints {
  codeForm?: boolean;
  titleKey?: MessageKey;
  retryAfterSeconds?: number;
  /** A page of ours where the person can do again what they meant to do. */
  pageHref?: string;
  /** The words of that link; without it, the cross-site page's "open the form". */
  pageLinkKey?: MessageKey;
}

export class UserError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 503,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    readonly hints: ErrorHints = {},
  ) {
    super(key);
  }
}
