// Reading the fields of a form POST, with a size limit. Plain HTML forms send
// application/x-www-form-urlencoded: served by @hono/node-server, such a body is read straight from
// Node's request stream (building a WHATWG Request with a ReadableStream for a few dozen bytes was a
// fifth of the cost of a bin press); elsewhere (tests, other runtimes) through the standard Request.
import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import { exactNodeBody, overLimitError, parseFormBody } from './body.ts';
import { UserError } from '../domain/errors.ts';

function tooLarge(): never {
  throw new UserError(413, 'error.tooLarge');
}

/**
 * A body that stops before its end (the client went away, or its chunked framing was broken) is the
 * sender's doing: a 400 like any broken form, not a crash logged as one. Nobody may be there to read
 * the answer; what matters is that nothing is recorded and the log says no more than a 4xx.
 */
function brokenBody(err: unknown): UserError {
  return err instanceof UserError ? err : new UserError(400, 'error.badForm');
}

async function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of incoming as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) tooLarge();
      chunks.push(chunk);
    }
  } catch (err) {
    throw brokenBody(err);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readText(c: Context): Promise<string> {
  try {
    return await c.req.text();
  } catch (err) {
    throw overLimitError(c) ?? brokenBody(err);
  }
}

export async function readForm(c: Context, maxBytes: number): Promise<Record<string, string>> {
  const length = Number(c.req.header('Content-Length') ?? 0);
  if (length > maxBytes) tooLarge();
  const type = c.req.header('Content-Type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const incoming = exactNodeBody(c);
    const text = incoming?.readable ? await readIncoming(incoming, maxBytes) : await readText(c);
    if (Buffer.byteLength(text) > maxBytes) tooLarge();
    return Object.fromEntries(new URLSearchParams(text));
  }
  const body = await parseFormBody(c);
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
