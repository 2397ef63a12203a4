// A real SMTP server (smtp-server) on a free loopback port that keeps what arrives, decoded far enough
// for tests to read: headers (RFC 2047 words), and a text body in quoted-printable, base64 or 7bit.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  /** Lower-case header names; values unfolded and decoded. */
  headers: Map<string, string>;
  subject: string;
  text: string;
  raw: string;
  user: string | undefined;
}

const USER = 'melder';
const PASSWORD = 'geheim-123';

function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export function parseMail(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

/**
 * `url` carries a user and password, which the server requires, so a test passes only if the mailer
 * really authenticates with the credentials from SMTP_URL. `rejectRecipients` answers 550 to RCPT TO,
 * quoting the address as real servers do.
 */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  let rejectRecipients = false;
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) return callback(null, { user: USER });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (!rejectRecipients) return callback();
      return callback(Object.assign(new Error(`<${address.address}>: Recipient address rejected: mailbox unavailable`), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const { headers, text } = parseMail(raw);
        received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          headers,
          subject: headers.get('subject') ?? '',
          text,
          raw,
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    port,
    received,
    rejectRecipients(on: boolean) {
      rejectRecipients = on;
    },
    /** The mail whose text carries `text`, waited for up to 5 s (mails of other tests may arrive in between). */
    async mailWith(text: string): Promise<ReceivedMail> {
      for (let i = 0; i < 50; i++) {
        const mail = received.find((m) => m.text.includes(text));
        if (mail) return mail;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no mail with ${text}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestSmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

/** One SMTP server for all tests of the calling file: started before them, closed after them. */
export function smtpServerForFile(): TestSmtpServer {
  let server: TestSmtpServer | undefined;
  beforeAll(async () => {
    server = await startSmtpServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const started = (): TestSmtpServer => {
    if (!server) throw new Error('the test SMTP server is started in beforeAll');
    return server;
  };
  return {
    get url() { return started().url; },
    get port() { return started().port; },
    get received() { return started().received; },
    rejectRecipients: (on: boolean) => started().rejectRecipients(on),
    mailWith: (text: string) => started().mailWith(text),
    close: () => started().close(),
  };
}

/** The links in a mail's text that point at the app. */
export function linksIn(text: string, base: string): string[] {
  return [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]).filter((url) => url.startsWith(base));
}
