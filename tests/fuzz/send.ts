// From a route of the catalogue to fuzzed requests: fast-check generates a plan (plain data, so a
// failing plan prints readably), and buildRequest turns it into the bytes and headers app.request gets.
import fc from 'fast-check';
import { bodyLimitFor } from '../../server/body.ts';
import { issueFormToken } from '../../server/form-token.ts';
import { issueLoginToken } from '../../server/staff/login-token.ts';
import { sessionCookieName } from '../../server/staff/sessions.ts';
import { fromClient } from '../request/scan-helpers.ts';
import { fillPath, paramNames, type RouteSpec } from './catalogue.ts';
import type { FuzzWorld } from './fixture.ts';
import { BROKEN_ENCODINGS, bodyKind, fieldValue, hostileText, type BodyKind, type FieldValue, type FileSpec } from './hostile.ts';
import type { HostileFiles } from './images.ts';

export type Lang = 'de' | 'en';

export interface RequestPlan {
  /** Path parameter values, ready for the URL (percent-encoded or deliberately not). */
  params: Record<string, string>;
  /** Query pairs, ready for the URL. */
  query: Array<[string, string]>;
  /** How the language is asked for; `header-garbage` sends an Accept-Language that names no language we have (German then). */
  lang: 'query-de' | 'query-en' | 'header-en' | 'query-xx' | 'header-garbage' | 'none';
  /** Staff routes: the session's cookie, or a broken one instead; public routes: a broken cookie besides. */
  cookie: 'session' | 'garbage';
  accept: 'html' | 'json' | 'any';
  origin: 'none' | 'same' | 'cross';
  fields: Array<[string, FieldValue]>;
  body: BodyKind;
  /** Staff posts: the session's form token as it should be, left out, wrong, or sent twice. */
  csrf: 'valid' | 'missing' | 'wrong' | 'twice';
  /** The report form's time token. */
  formToken: 'valid' | 'missing' | 'garbage' | 'fresh';
  client: string;
}

/** Accept-Language values that name no language we have, or only with a weight of zero or less. */
const GARBAGE_ACCEPT_LANGUAGE = ['*', 'en;q=NaN', 'en;q=0', 'de;q=2,en;q=-1', 'x'.repeat(3000), 'fr-CH, fr;q=0.9, *;q=0.5', ';;;,,,', 'en;q=1e309x', 'de-DE-u-co-phonebk'];
/** Cookies a browser would never send: broken escapes, huge or repeated values (NAME: the session cookie's name). */
const GARBAGE_COOKIES = ['NAME=%', 'NAME=' + 'a'.repeat(5000), 'NAME=x; NAME=y', 'NAME', '=;=;', 'NAME=\u00ff\u00fe', 'NAME="unterminated', 'NAME=..%2F..%2Fetc'];

const PATH_TRICKS = ['..', '.', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%2F', '%5C', ';x=1', '9'.repeat(2000), '%00', 'a%0d%0aSet-Cookie:%20fzq=1', '%u0041', '~', '*'];

/** encodeURIComponent, but a lone surrogate becomes U+FFFD as TextEncoder writes it instead of throwing. */
export function percentEncode(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

const urlText = hostileText.map(percentEncode);

/**
 * Mostly the tame value, sometimes the wild one. Every part of a request (each path parameter, each
 * field, the body's form, the tokens) is chosen this way on its own, so a typical request is a valid
 * one with one or two parts broken: it gets past the checks of the other parts to the code behind
 * them, which a request broken everywhere never reaches.
 */
function mostly<T>(tame: fc.Arbitrary<T>, wild: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 4, arbitrary: tame }, { weight: 1, arbitrary: wild });
}

/** A path parameter: the fixture's row (the first plausible value), or another, or anything. */
function pathValue(plausible: readonly string[]): fc.Arbitrary<string> {
  if (!plausible.length) return urlText;
  return mostly(
    fc.constant(percentEncode(plausible[0]!)),
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...plausible.map(percentEncode)) }, { weight: 3, arbitrary: urlText }, { weight: 2, arbitrary: fc.constantFrom(...BROKEN_ENCODINGS, ...PATH_TRICKS) }),
  );
}

function queryValue(plausible: readonly string[]): fc.Arbitrary<string> {
  const known = plausible.length ? fc.constantFrom(...plausible.map(percentEncode)) : urlText;
  return mostly(known, fc.oneof({ weight: 3, arbitrary: urlText }, { weight: 1, arbitrary: fc.constantFrom(...BROKEN_ENCODINGS) }));
}

/** Field names beyond the form's own: prototype keys, empty, bracket syntax, control characters. */
const extraName = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', '', 'a[]', 'a[b]', 'csrf[]', 'x\u0000y', 'ä', 'toString'), fc.string({ maxLength: 12 }));

type Entries<T> = Array<[string, T]>;

/** One field or query parameter: sent once, left out (`leftOut` in 6), or, now and then, several times (an array for a scalar). */
function entries<T>(name: string, value: fc.Arbitrary<T>, leftOut: number): fc.Arbitrary<Entries<T>> {
  return fc.oneof(
    { weight: leftOut, arbitrary: fc.constant<Entries<T>>([]) },
    { weight: 6, arbitrary: value.map((v): Entries<T> => [[name, v]]) },
    { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v): [string, T] => [name, v])) },
  );
}

const tameBody = fc.oneof(fc.constant<BodyKind>({ kind: 'urlencoded' }), fc.constant<BodyKind>({ kind: 'multipart', boundary: 'fzqboundary' }));

export function planFor(spec: RouteSpec, world: FuzzWorld, files: HostileFiles): fc.Arbitrary<RequestPlan> {
  const f = world.fixture;
  const params = fc.record(Object.fromEntries(paramNames(spec.route).map((name) => [name, pathValue(spec.params?.[name]?.(f) ?? [])])));
  // Query parameters are filters, mostly optional: half of them are left out.
  const queryParts = Object.entries(spec.query ?? {}).map(([name, values]) => entries(percentEncode(name), queryValue(values(f)), 6));
  const extraQuery = mostly(fc.constant<Entries<string>>([]), fc.array(fc.tuple(extraName.map(percentEncode), urlText), { minLength: 1, maxLength: 2 }));
  const query = fc.tuple(fc.tuple(...queryParts), extraQuery).map(([parts, extra]) => [...parts.flat(), ...extra]);

  const honest = fc.constantFrom(...files.honest.map((x) => x.name));
  const fileValue: fc.Arbitrary<FieldValue> = mostly(honest, fc.constantFrom(...files.hostile.map((x) => x.name))).map((file) => ({ file }));
  const formFields = Object.entries(spec.fields ?? {}).map(([name, values]) => {
    const plausible = values(f);
    return entries(name, plausible.length ? mostly(fc.constantFrom<FieldValue>(...plausible), fieldValue([])) : fieldValue([]), 1);
  });
  const fileFields = (spec.files ?? []).map((name) => fc.array(fileValue, { maxLength: 4 }).map((vs) => vs.map((v): [string, FieldValue] => [name, v])));
  const extraFields = mostly(fc.constant<Entries<FieldValue>>([]), fc.array(fc.tuple(extraName, fc.oneof(fieldValue([]), fileValue)), { minLength: 1, maxLength: 2 }));
  const fields = spec.method === 'POST' ? fc.tuple(fc.tuple(...formFields, ...fileFields), extraFields).map(([parts, extra]) => [...parts.flat(), ...extra]) : fc.constant<Entries<FieldValue>>([]);
  const usually = <T>(usual: T, others: T[]) => fc.oneof({ weight: 9, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...others) });

  return fc.record({
    params,
    query,
    lang: fc.constantFrom('query-de' as const, 'query-en' as const, 'header-en' as const, 'query-xx' as const, 'header-garbage' as const, 'none' as const),
    cookie: usually<RequestPlan['cookie']>('session', ['garbage']),
    accept: fc.constantFrom('html' as const, 'json' as const, 'any' as const),
    origin: fc.oneof({ weight: 12, arbitrary: fc.constantFrom('none' as const, 'same' as const) }, { weight: 1, arbitrary: fc.constant('cross' as const) }),
    fields,
    body: spec.method === 'POST' ? mostly(tameBody, bodyKind) : fc.constant<BodyKind>({ kind: 'none' }),
    csrf: usually<RequestPlan['csrf']>('valid', ['missing', 'wrong', 'twice']),
    formToken: usually<RequestPlan['formToken']>('valid', ['missing', 'garbage', 'fresh']),
    // Distinct clients, so that the rate limits answer now and then but do not answer everything.
    client: fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 })).map(([a, b]) => `198.51.${a}.${b}`),
  });
}

const encoder = new TextEncoder();

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A value's bytes; a file named in a form that carries no files is sent as its name. */
function bytesOf(value: FieldValue): Uint8Array {
  if (typeof value === 'string') return encoder.encode(value);
  if ('bytes' in value) return new Uint8Array(value.bytes);
  return encoder.encode(value.file);
}

function urlencoded(fields: Array<[string, FieldValue]>): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  fields.forEach(([name, value], i) => {
    if (i) parts.push(encoder.encode('&'));
    parts.push(encoder.encode(percentEncode(name) + '='));
    // Text is encoded as a browser would; raw bytes go in as they are (invalid UTF-8, broken escapes).
    parts.push(typeof value === 'string' ? encoder.encode(percentEncode(value)) : bytesOf(value));
  });
  return concat(parts);
}

/** How browsers write a name into a part header: quotes and line breaks percent-encoded. */
const headerText = (s: string) => s.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

function multipart(fields: Array<[string, FieldValue]>, files: Map<string, FileSpec>, boundary: string): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  for (const [name, value] of fields) {
    const file = typeof value === 'object' && 'file' in value ? files.get(value.file) : undefined;
    const head = file
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${headerText(name)}"; filename="${headerText(file.name)}"\r\nContent-Type: ${headerText(file.type)}\r\n\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${headerText(name)}"\r\n\r\n`;
    parts.push(encoder.encode(head), file ? file.bytes : bytesOf(value), encoder.encode('\r\n'));
  }
  parts.push(encoder.encode(`--${boundary}--\r\n`));
  return concat(parts);
}

/** A body of `total` bytes that arrives in chunks, without a length. */
function chunked(total: number): ReadableStream<Uint8Array> {
  const piece = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(piece.length, total - sent);
      sent += n;
      controller.enqueue(n === piece.length ? piece : piece.subarray(0, n));
    },
  });
}

export interface BuiltRequest {
  url: string;
  init: RequestInit;
  env: ReturnType<typeof fromClient>;
  lang: Lang;
}

/** The language the app should answer in: ?lang= (its first value) wins, then Accept-Language, then German. */
function readerLang(url: string, plan: RequestPlan): Lang {
  const asked = new URL(url).searchParams.get('lang');
  if (asked === 'de' || asked === 'en') return asked;
  return plan.lang === 'header-en' ? 'en' : 'de';
}

/** The form fields as sent: the plan's, plus the staff form token and the report form's time token. */
async function formFields(spec: RouteSpec, world: FuzzWorld, plan: RequestPlan): Promise<Array<[string, FieldValue]>> {
  const fields = [...plan.fields];
  if (spec.staff) {
    const { csrfToken } = await (spec.pending ? world.pendingSession() : world.session());
    if (plan.csrf === 'valid') fields.unshift(['csrf', csrfToken]);
    if (plan.csrf === 'wrong') fields.unshift(['csrf', csrfToken.slice(0, -2) + 'xx']);
    if (plan.csrf === 'twice') fields.unshift(['csrf', csrfToken], ['csrf', 'anders']);
  }
  if (spec.timeToken) {
    const now = world.ctx.clock.now();
    const name = spec.timeToken === 'report' ? 't' : 'token';
    // The login's token is bound to the client that asked for the form: the plan's own address.
    const issue = spec.timeToken === 'report' ? issueFormToken : (secret: string, at: Date) => issueLoginToken(secret, plan.client, at);
    if (plan.formToken === 'valid') fields.unshift([name, issue(world.ctx.config.secret, new Date(now.getTime() - 60_000))]);
    if (plan.formToken === 'garbage') fields.unshift([name, `${now.getTime()}.AAAAAAAAAAAAAAAAAAAAAA`]);
    if (plan.formToken === 'fresh') fields.unshift([name, issue(world.ctx.config.secret, now)]);
  }
  return fields;
}

export async function buildRequest(spec: RouteSpec, world: FuzzWorld, files: Map<string, FileSpec>, plan: RequestPlan): Promise<BuiltRequest> {
  const path = fillPath(spec.route, plan.params);
  const query = [...plan.query];
  if (plan.lang === 'query-de') query.unshift(['lang', 'de']);
  if (plan.lang === 'query-en') query.unshift(['lang', 'en']);
  if (plan.lang === 'query-xx') query.unshift(['lang', 'xx%00']);
  const search = query.map(([k, v]) => `${k}=${v}`).join('&');
  const url = `http://localhost${path}${search ? `?${search}` : ''}`;

  const headers = new Headers();
  if (plan.lang === 'header-en') headers.set('Accept-Language', 'en-GB,en;q=0.9');
  if (plan.lang === 'header-garbage') headers.set('Accept-Language', GARBAGE_ACCEPT_LANGUAGE[plan.client.length % GARBAGE_ACCEPT_LANGUAGE.length]!);
  if (plan.accept === 'html') headers.set('Accept', 'text/html,application/xhtml+xml');
  if (plan.accept === 'json') headers.set('Accept', 'application/json');
  if (plan.origin === 'same') headers.set('Origin', 'http://localhost');
  if (plan.origin === 'cross') {
    headers.set('Origin', 'https://evil.example');
    headers.set('Sec-Fetch-Site', 'cross-site');
  }
  const cookie = GARBAGE_COOKIES[plan.client.length % GARBAGE_COOKIES.length]!;
  const session = () => (spec.pending ? world.pendingSession() : world.session());
  if (spec.staff) headers.set('Cookie', plan.cookie === 'session' ? (await session()).cookie : cookie.replace('NAME', sessionCookieName(world.ctx.config)));
  else if (plan.cookie === 'garbage') headers.set('Cookie', cookie.replace('NAME', 'stadtmelder'));

  const init: RequestInit & { duplex?: 'half' } = { method: spec.method, headers };
  if (spec.method === 'POST') {
    const fields = await formFields(spec, world, plan);
    const body = plan.body;
    const boundary = body.kind === 'multipart' ? body.boundary : 'fzqboundary';
    const form = (asMultipart: boolean) => (asMultipart ? multipart(fields, files, boundary) : urlencoded(fields));
    const typeOf = (asMultipart: boolean) => (asMultipart ? `multipart/form-data; boundary=${boundary}` : 'application/x-www-form-urlencoded');
    switch (body.kind) {
      case 'urlencoded':
      case 'multipart': {
        const asMultipart = body.kind === 'multipart';
        init.body = form(asMultipart);
        headers.set('Content-Type', typeOf(asMultipart));
        break;
      }
      case 'raw':
        init.body = new Uint8Array(body.bytes);
        if (body.contentType !== null) headers.set('Content-Type', body.contentType);
        break;
      case 'truncated': {
        const whole = form(body.multipart);
        init.body = whole.subarray(0, Math.floor(whole.length * body.keep));
        headers.set('Content-Type', typeOf(body.multipart));
        break;
      }
      case 'oversize': {
        const total = bodyLimitFor(path).max + 1 + (plan.client.length % 7) * 1000;
        headers.set('Content-Type', body.contentType);
        if (body.chunked) {
          init.body = chunked(total);
          init.duplex = 'half';
        } else {
          init.body = new Uint8Array(total).fill(0x61);
          headers.set('Content-Length', String(total));
        }
        break;
      }
      case 'lyingLength': {
        const whole = form(body.multipart);
        init.body = whole;
        headers.set('Content-Type', typeOf(body.multipart));
        headers.set('Content-Length', body.declared === 'smaller' ? String(Math.floor(whole.length / 2)) : body.declared === 'larger' ? String(whole.length * 2 + 10) : '1e3');
        break;
      }
      case 'none':
        break;
    }
  }
  return { url, init, env: fromClient(plan.client), lang: readerLang(url, plan) };
}

export function fileMap(files: HostileFiles): Map<string, FileSpec> {
  return new Map([...files.honest, ...files.hostile, files.heavy].map((x) => [x.name, x]));
}
