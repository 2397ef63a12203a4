// Category names, groups, help texts and notices are data a city edits (columns name_de/name_en, …,
// under /intern/verwaltung). German and English come from those columns. Turkish, Arabic and Ukrainian
// translate the demo catalogue, keyed by the German text they translate: while a category's German
// text is the demo's, its translation shows; once the city changes that text (or adds a category), the
// reader sees the English column instead of a stale translation (decision 033).
import type { Lang } from './index.ts';
import { trCatalogue } from './tr.ts';
import { arCatalogue } from './ar.ts';
import { ukCatalogue } from './uk.ts';

export const CATALOGUE_TRANSLATIONS: Record<Exclude<Lang, 'de' | 'en'>, Readonly<Record<string, string>>> = {
  tr: trCatalogue,
  ar: arCatalogue,
  uk: ukCatalogue,
};

/** A catalogue text in the reader's language: the German or English column, or a translation of the German. */
export function catalogueText(lang: Lang, de: string, en: string): string;
export function catalogueText(lang: Lang, de: string | null, en: string | null): string | null;
export function catalogueText(lang: Lang, de: string | null, en: string | null): string | null {
  if (lang === 'de' || de === null) return de;
  if (lang === 'en') return en;
  return (Object.hasOwn(CATALOGUE_TRANSLATIONS[lang], de) ? CATALOGUE_TRANSLATIONS[lang][de] : undefined) ?? en;
}
