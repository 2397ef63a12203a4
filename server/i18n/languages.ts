// The languages, in a module of their own: the formatters (domain/formatters.ts) need the list,
// and the translator needs the formatters, so neither may import the other for it.
export const LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk'] as const;
export type Lang = (typeof LANGUAGES)[number];
