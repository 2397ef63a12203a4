// Reading the fields of a form POST. Plain HTML forms send application/x-www-form-urlencoded, which
// URLSearchParams reads far faster than the general multipart parser; other encodings still work.
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { UserError } from './domain/errors.ts';

export async function readForm(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('Content-Type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(await c.req.text()));
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Refuses bodies larger than a form of this kind can be, before reading them. */
export function limitBody(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new UserError(413, 'error.tooLarge');
    },
  });
}
