// Reading admin forms: every field arrives as text (or a file); problems are collected per field as
// i18n keys, so that the view can name each one at its field and the form keeps what was typed.
import type { Context } from 'hono';
import type { AppEnv } from '../../context.ts';
import type { MessageKey, MessageParams } from '../../i18n/index.ts';
import { pageFor } from '../../views/page.ts';
import { parseFormBody } from '../../body.ts';

export interface Problem {
  key: MessageKey;
  params?: MessageParams;
}
export type Problems = Record<string, Problem>;

export type FormBody = Record<string, string | File | (string | File)[]>;

export async function formBody(c: Context<AppEnv>): Promise<FormBody> {
  // all: true keeps repeated fields (checkbox groups such as departments) as arrays.
  return (await parseFormBody(c, { all: true })) as FormBody;
}

/** One text field, trimmed; a repeated field counts by its first value. */
export function textOf(body: FormBody, name: string): string {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/**
 * A checkbox group or multi-select: every text value, each once. A browser never sends a box twice,
 * but a crafted form may, and the rows behind such a list (staff_departments) allow each value once.
 */
export function listOf(body: FormBody, name: string): string[] {
  const value = body[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return [...new Set(all.filter((v): v is string => typeof v === 'string' && v !== ''))];
}

export function checked(body: FormBody, name: string): boolean {
  return textOf(body, name) !== '';
}

/** A whole number within bounds, or null. Only digits: "12.5" or "1e3" are not whole numbers typed by a person. */
export function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,9}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** A loose but honest e-mail check: one @, something before, a dot in the domain, no spaces. */
export function looksLikeEmail(text: string): boolean {
  return text.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}

export function hasProblems(problems: Problems): boolean {
  return Object.keys(problems).length > 0;
}

/** Success messages after a redirect: the query names one of these, never free text. */
export const FLASH_CODES = [
  'created',
  'saved',
  'enabled',
  'disabled',
  'removed',
  'imported',
  'passwordReset',
  'secondFactorReset',
  'revoked',
] as const;
export type FlashCode = (typeof FLASH_CODES)[number];

export function flashFrom(c: Context<AppEnv>): MessageKey | null {
  const code = c.req.query('ok');
  return (FLASH_CODES as readonly string[]).includes(code ?? '') ? (`staff.admin.flash.${code}` as MessageKey) : null;
}

/** 303 to an admin page with a success message; a language chosen by ?lang= stays. */
export function redirectWithFlash(c: Context<AppEnv>, path: string, code: FlashCode) {
  return c.redirect(pageFor(c).href(`${path}${path.includes('?') ? '&' : '?'}ok=${code}`), 303);
}

/** Route parameter `:id` as a positive number (the route pattern already allows only digits). */
export function idParam(c: Context<AppEnv>): number {
  return Number(c.req.param('id'));
}
