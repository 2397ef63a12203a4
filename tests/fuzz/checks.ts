// What every answer to a fuzzed request must satisfy, and what the database must look like after
// it. Each check returns the problems it found as sentences (empty: fine), so that a failing property
// says what was wrong and fast-check can shrink the input that caused it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { de } from '../../server/i18n/de.ts';
import { en } from '../../server/i18n/en.ts';
import { takeWrites, type FuzzWorld } from './fixture.ts';
import { messageTexts, tagsOf } from './html.ts';
import { FILE_MARKER } from './images.ts';
import type { Lang } from './send.ts';

interface Template {
  key: string;
  pattern: RegExp;
}

/** Every message of a language as a pattern: its literal text, any value in place of a {parameter}. */
function templatesOf(table: Record<string, string>): Template[] {
  const out: Template[] = [];
  for (const [key, text] of Object.entries(table)) {
    const pieces = text.split(/\{\w+\}/);
    // A message that is nearly all parameter ("{count}") would match any text.
    if (pieces.join('').replace(/\W/g, '').length < 3) continue;
    const source = pieces.map((p) => p.replace(/\s+/g, ' ').trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?');
    out.push({ key, pattern: new RegExp(`^${source}$`) });
  }
  return out;
}

const TEMPLATES: Record<Lang, Template[]> = { de: templatesOf(de), en: templatesOf(en) };

/** Whether the text is one of the language's messages (with `keyPrefix`: one of those keys). */
export function isMessageIn(lang: Lang, text: string, keyPrefix = ''): boolean {
  return TEMPLATES[lang].some((t) => t.key.startsWith(keyPrefix) && t.pattern.test(text));
}

/** Traces of a crash that must never reach a reader. */
const CRASH_TRACES: ReadonlyArray<[RegExp, string]> = [
  [/\b(TypeError|ReferenceError|RangeError|SyntaxError|SqliteError|AggregateError|UnhandledPromiseRejection)\b/, 'an error class name'],
  [/\n\s+at [^\n]+:\d+:\d+\)?/, 'a stack frame'],
  [/\bat (async )?[\w.<>]+ \((file:|node:|\/)[^)]*\)/, 'a stack frame'],
  [/node_modules|\/work\/|\/server\/routes\//, 'a server path'],
];

export interface Answer {
  status: number;
  headers: Headers;
  /** The body as text (binary bodies decoded loosely, only for the trace check). */
  text: string;
}

export async function readAnswer(res: Response): Promise<Answer> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, text: new TextDecoder('utf-8', { fatal: false }).decode(bytes) };
}

const contentType = (a: Answer) => a.headers.get('Content-Type') ?? '';
const isHtml = (a: Answer) => contentType(a).startsWith('text/html');
const isJson = (a: Answer) => /^application\/(geo\+)?json/.test(contentType(a));

/** Markup from the input that a page echoed unescaped (see HTML_PAYLOADS): tags, attributes, scripts, javascript: links. */
export function injectionsIn(html: string): string[] {
  const found: string[] = [];
  for (const tag of tagsOf(html)) {
    if (!tag.closing && tag.name.includes('fzq')) found.push(`an element <${tag.name}> from the input`);
    for (const [name, value] of tag.attrs) {
      if (name.includes('fzq')) found.push(`an attribute ${name} from the input on <${tag.name}>`);
      if (/^\s*javascript:/i.test(value) && /^(href|src|action|formaction)$/.test(name)) found.push(`a javascript: URL in ${name} of <${tag.name}>`);
    }
    if (tag.rawText !== undefined && /^\s*fzq_/.test(tag.rawText)) found.push(`a <${tag.name}> element from the input`);
  }
  return found;
}

/** Problems with one answer: status, traces, language, escaping, redirect target, headers. */
export function answerProblems(answer: Answer, lang: Lang): string[] {
  const problems: string[] = [];
  const { status } = answer;
  if (status >= 500 || status < 200) problems.push(`status ${status}`);
  for (const [pattern, what] of CRASH_TRACES) if (pattern.test(answer.text)) problems.push(`${what} in the body: ${answer.text.match(pattern)![0].slice(0, 80)}`);

  if (isHtml(answer)) {
    for (const injection of injectionsIn(answer.text)) problems.push(injection);
    const language = answer.headers.get('Content-Language');
    if (language !== lang) problems.push(`Content-Language ${language}, the reader's language is ${lang}`);
  }
  if (status >= 400) {
    if (isHtml(answer)) {
      const texts = messageTexts(answer.text);
      if (!texts.some((t) => isMessageIn(lang, t))) problems.push(`no message in ${lang} on the ${status} page (message elements: ${JSON.stringify(texts).slice(0, 300)})`);
      const other: Lang = lang === 'de' ? 'en' : 'de';
      for (const t of texts) if (!isMessageIn(lang, t) && isMessageIn(other, t)) problems.push(`a message in ${other} instead of ${lang}: ${t.slice(0, 120)}`);
    } else if (isJson(answer)) {
      let message: unknown;
      try {
        const body = JSON.parse(answer.text) as { error?: { message?: unknown } } | Array<{ description?: unknown }>;
        message = Array.isArray(body) ? body[0]?.description : body.error?.message;
      } catch {
        message = undefined;
      }
      if (typeof message !== 'string' || !isMessageIn(lang, message)) problems.push(`no message in ${lang} in the ${status} JSON: ${answer.text.slice(0, 200)}`);
    } else {
      problems.push(`a ${status} answer as ${contentType(answer) || 'no content type'}, neither a page nor JSON`);
    }
  }
  if (status >= 300 && status < 400) {
    const location = answer.headers.get('Location') ?? '';
    // Our own paths only: a redirect to another site or a scheme would be an open redirect.
    if (!/^\/(?![/\\])/.test(location) && !location.startsWith('http://localhost/')) problems.push(`a redirect to ${JSON.stringify(location.slice(0, 100))}`);
  }
  for (const [name, value] of answer.headers) {
    if (/fzq/i.test(name) || (name === 'set-cookie' && /fzq/i.test(value))) problems.push(`a header made from the input: ${name}: ${value.slice(0, 80)}`);
  }
  if (isJson(answer) && answer.headers.get('X-Content-Type-Options') !== 'nosniff') problems.push('JSON without X-Content-Type-Options: nosniff');
  return problems;
}

/** Rows a refused request may still write: the staff session's last use, a failed login attempt. */
// The login form's used tokens are spent even when the login is refused: a token works once.
const BOOKKEEPING = new Set(['staff_sessions', 'login_attempts', 'login_form_nonces']);
const COUNTED = ['reports', 'report_events', 'photos', 'subscriptions'] as const;

export type Counts = Record<(typeof COUNTED)[number], number>;

export async function countRows(world: FuzzWorld): Promise<Counts> {
  const row = await sql<Counts>`select
      (select count(*) from reports) as reports,
      (select count(*) from report_events) as report_events,
      (select count(*) from photos) as photos,
      (select count(*) from subscriptions) as subscriptions`.execute(world.ctx.db);
  return row.rows[0]!;
}

/** The database and the photo directory must agree with themselves after every request. */
export async function consistencyProblems(world: FuzzWorld): Promise<string[]> {
  const db = world.ctx.db;
  const problems: string[] = [];
  const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  if (integrity.rows[0]?.integrity_check !== 'ok') problems.push(`integrity_check: ${JSON.stringify(integrity.rows)}`);
  const foreign = await sql`pragma foreign_key_check`.execute(db);
  if (foreign.rows.length) problems.push(`foreign_key_check: ${JSON.stringify(foreign.rows).slice(0, 300)}`);
  const withoutCreated = await sql<{ id: number }>`select id from reports r where not exists (select 1 from report_events e where e.report_id = r.id and e.type = 'created')`.execute(db);
  if (withoutCreated.rows.length) problems.push(`reports without their 'created' event: ${withoutCreated.rows.map((r) => r.id).join(', ')}`);
  const orphanEvents = await sql<{ id: number }>`select id from report_events e where not exists (select 1 from reports r where r.id = e.report_id)`.execute(db);
  if (orphanEvents.rows.length) problems.push(`events of missing reports: ${orphanEvents.rows.map((r) => r.id).join(', ')}`);
  const openTwice = await sql<{ bin_id: number }>`select bin_id from reports where bin_id is not null and state in ('new', 'acknowledged', 'in_progress') group by bin_id, category_id having count(*) > 1`.execute(db);
  if (openTwice.rows.length) problems.push(`bins with two open tasks for one reason: ${openTwice.rows.map((r) => r.bin_id).join(', ')}`);
  problems.push(...(await photoDirProblems(world)));
  return problems;
}

/** Every file in the photo directory belongs to a row, every live row has its file, none carries a payload. */
export async function photoDirProblems(world: FuzzWorld): Promise<string[]> {
  const problems: string[] = [];
  const rows = await world.ctx.db.selectFrom('photos').select(['file', 'redacted_file', 'removed_at']).execute();
  const known = new Set(rows.flatMap((r) => [r.file, r.redacted_file]).filter((f): f is string => f !== null));
  const files = await readdir(world.photoDir).catch(() => [] as string[]);
  for (const file of files) {
    if (!known.has(file)) problems.push(`a file without a row in the photo directory: ${file}`);
    const bytes = await readFile(join(world.photoDir, file));
    if (bytes.includes(FILE_MARKER) || bytes.includes('<script') || bytes.includes('fzq')) problems.push(`a stored photo that carries the upload's payload: ${file}`);
  }
  const present = new Set(files);
  for (const r of rows) if (r.removed_at === null && !present.has(r.file)) problems.push(`a photo row without its file: ${r.file}`);
  return problems;
}

/**
 * What one request wrote: nothing (beyond bookkeeping) unless it succeeded, rows of reports, events,
 * photos and subscriptions only with a 303, and a consistent database afterwards.
 */
export async function writeProblems(world: FuzzWorld, status: number, before: Counts): Promise<string[]> {
  const problems: string[] = [];
  const writes = await takeWrites(world.ctx.db);
  const written = [...writes.keys()].filter((t) => !BOOKKEEPING.has(t));
  if (status >= 400 && written.length) problems.push(`a ${status} answer, but rows were written in ${written.join(', ')}`);
  const after = await countRows(world);
  const changed = COUNTED.filter((t) => after[t] !== before[t]);
  if (changed.length && status !== 303) problems.push(`a ${status} answer changed the number of ${changed.map((t) => `${t} (${before[t]} → ${after[t]})`).join(', ')}`);
  if (written.length) problems.push(...(await consistencyProblems(world)));
  return problems;
}

/** Lines the app logged as unhandled errors since the last call (each is a 5xx, even a hidden one). */
export function takeUnhandled(world: FuzzWorld): string[] {
  const lines = world.logLines.splice(0).filter((l) => /unhandled error|notification failed/.test(l));
  return lines.map((l) => `logged: ${l.slice(0, 400)}`);
}
