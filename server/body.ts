// Request bodies: one limit per path, enforced while the body arrives, and one way to parse a form
// that turns a malformed body into a 400 instead of a crash. Every POST of the app passes through
// limitBodies (mounted in app.ts before any route), so a route cannot forget its limit; routes read
// forms with parseFormBody (or readForm in form.ts), never with c.req.parseBody directly.
import type { Context, MiddlewareHandler } from 'hono';
import { IncomingMessage } from 'node:http';
import type { AppEnv } from './context.ts';
import { UserError } from '../domain/errors.ts';

const KB = 1024;
const MB = 1024 * KB;

/**
 * The largest body each kind of request may have, first match wins. Generous for what the forms can
 * legitimately send, far below what would hurt: a reader of 4 KB cannot be made to hold 200 MB.
 * Buttons (READ_FIRST) read nothing themselves: their body is read here, before the route acts, so
 * that its limit holds and a body that never arrives in full changes nothing.
 */
const READ_FIRST = true;
const BODY_LIMITS: ReadonlyArray<readonly [RegExp, number, UserError?, boolean?]> = [
  // A bin press: the reason and at most a short text. First, since it is by far the most frequent.
  [/^\/[Bb]\/[^/]+$/, 4 * KB],
  // Three photos of 10 MB (server/photos.ts) and the text fields.
  [/^\/melden\/[^/]+$/, 32 * MB],
  // The district GeoJSON upload, the only large staff upload: a file of 5 MB and the form around it.
  [/^\/intern\/verwaltung\/ortsbezirke\/import$/, 6 * MB, new UserError(413, 'staff.admin.districts.fileTooLarge', { max: 5 })],
  // Buttons that send nothing or one field.
  [/^\/abo\//, 1 * KB, undefined, READ_FIRST],
  [/^\/m\/\d+\/(ich-auch|nicht-behoben)$/, 1 * KB, undefined, READ_FIRST],
  // Login name, a password of at most 256 characters and the form token.
  [/^\/intern\/anmelden(\/code)?$/, 8 * KB],
  // Staff forms: answers, notes, templates, category notices.
  [/^\/intern(\/|$)/, 256 * KB],
];
const DEFAULT_LIMIT = 16 * KB;

const TOO_LARGE = new UserError(413, 'error.tooLarge');

export function bodyLimitFor(path: string): { max: number; error: UserError; readFirst: boolean } {
  for (const [pattern, max, error, readFirst] of BODY_LIMITS) if (pattern.test(path)) return { max, error: error ?? TOO_LARGE, readFirst: readFirst ?? false };
  return { max: DEFAULT_LIMIT, error: TOO_LARGE, readFirst: false };
}

export function tooLarge(): never {
  throw new UserError(413, 'error.tooLarge');
}

/** Marks the request whose body went over its limit, so a failed parse can say why it failed. */
const overLimit = new WeakMap<Request, UserError>();

/** A copy of the stream that fails as soon as more than maxBytes have arrived. */
function countingStream(body: ReadableStream<Uint8Array>, maxBytes: number, onOver: () => void): ReadableStream<Uint8Array> {
  let size = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          onOver();
          controller.error(TOO_LARGE);
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * Refuses a body whose declared length is over the path's limit before reading a byte, and counts the
 * bytes of any other body as they arrive. Under Node's HTTP server a Content-Length is exact (the
 * parser never hands over more), so such a body needs no counting; a chunked one, or one from another
 * runtime or a test, is wrapped.
 */
export function limitBodies(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const { max, error, readFirst } = bodyLimitFor(c.req.path);
    const declared = c.req.header('Content-Length');
    const chunked = c.req.header('Transfer-Encoding') !== undefined;
    if (declared !== undefined && !chunked) {
      if (!/^\d{1,15}$/.test(declared)) throw new UserError(400, 'error.badRequest');
      if (Number(declared) > max) throw error;
      if (isNodeRequest(c) && !readFirst) return next();
    }
    const raw = c.req.raw;
    if (!raw.body) return next();
    const limited = new Request(raw, { body: countingStream(raw.body, max, () => overLimit.set(limited, error)), duplex: 'half' } as RequestInit);
    c.req.raw = limited;
    if (readFirst) c.req.raw = await bufferedCopy(limited, error);
    return next();
  };
}

/** The request with its whole body read: over the limit is `error`, a body that breaks off a 400. */
async function bufferedCopy(request: Request, error: UserError): Promise<Request> {
  let body: ArrayBuffer;
  try {
    body = await request.arrayBuffer();
  } catch {
    throw overLimit.has(request) ? error : new UserError(400, 'error.badForm');
  }
  return new Request(request, { body });
}

function isNodeRequest(c: Context): boolean {
  return (c.env as { incoming?: unknown } | undefined)?.incoming instanceof IncomingMessage;
}

/**
 * Node's request stream when limitBodies left the body alone (an exact Content-Length under Node), so
 * a hot route may read it directly instead of through a WHATWG stream; undefined otherwise.
 */
export function exactNodeBody(c: Context): IncomingMessage | undefined {
  if (c.req.header('Content-Length') === undefined || c.req.header('Transfer-Encoding') !== undefined || !isNodeRequest(c)) return undefined;
  return (c.env as { incoming: IncomingMessage }).incoming;
}

/** The error to answer with when this request's body went over its limit while it was read. */
export function overLimitError(c: Context): UserError | undefined {
  return overLimit.get(c.req.raw);
}

type ParseOptions = { all?: boolean };
type ParsedBody = Record<string, string | File | (string | File)[]>;

/**
 * Hono's parseBody (cached, so the staff guard and the route share one parse), but a body that is
 * not a form at all, a broken multipart body or one over the limit is the sender's mistake: 400 or
 * 413 with a message, never a 500.
 */
export async function parseFormBody(c: Context, options: ParseOptions = {}): Promise<ParsedBody> {
  try {
    return (await c.req.parseBody(options)) as ParsedBody;
  } catch (err) {
    throw overLimitError(c) ?? (err instanceof UserError ? err : new UserError(400, 'error.badForm'));
  }
}
