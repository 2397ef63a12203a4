// Outgoing mail over SMTP (SMTP_URL). Citizens' requests wait for a send, so the timeouts are short:
// a mail server that hangs must not keep a person's page loading for minutes (nodemailer's defaults).
import { createTransport } from 'nodemailer';
import type { Mailer } from './context.ts';

export function createMailer(smtpUrl: string, from: string): Mailer {
  // The URL's own settings (host, port, user, password, smtps:) win over the options beside it.
  const transport = createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, headers: message.headers });
    },
  };
}

/**
 * SMTP errors often quote the recipient ("550 <anna@example.org>: unknown user"). Logs keep only what
 * helps an operator and never an address.
 */
export function describeMailError(err: unknown): Record<string, string | number> {
  const e = (err ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const fields: Record<string, string | number> = {};
  if (typeof e.code === 'string') fields.code = e.code;
  if (typeof e.responseCode === 'number') fields.responseCode = e.responseCode;
  if (typeof e.message === 'string') fields.error = e.message.replace(/[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+/g, '[address]').slice(0, 300);
  return fields;
}
