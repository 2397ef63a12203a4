// Everything the app needs from outside, handed in by main.ts or by a test.
import type { Db } from '../db/connection.ts';
import type { Config } from './config.ts';
import type { Lang, Translate } from './i18n/index.ts';
import type { Logger } from './logger.ts';
import type { StaffSessionInfo } from './staff/sessions.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Outgoing mail. null in the context when SMTP_URL is not set: then no mail is sent. */
export interface Mailer {
  send(message: { to: string; subject: string; text: string; headers?: Record<string, string> }): Promise<void>;
}

export interface AppContext {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  mailer: Mailer | null;
}

/** Hono's per-request variables. */
export interface AppEnv {
  Variables: {
    lang: Lang;
    t: Translate;
    /** Set by map pages: their CSP also allows images from the tile server. */
    mapPage: boolean;
    /** Set under /intern by the staff middleware when the request carries a live session. */
    staffSession: StaffSessionInfo | null;
  };
}
