// Every word printed on a sticker, in one place: layouts say which of these go where and how big,
// never what they say. German first (Mainz), English second for visitors.
import { formatBinCode } from './codes.ts';

// A no-break space (\u00a0) keeps words together when a line must wrap: "Voll? Kaputt?" over
// "Scannen & melden" rather than a lone "melden".
export const STICKER_TEXTS = {
  headline: 'Voll? Kaputt? Scannen\u00a0&\u00a0melden',
  headlineEn: 'Full? Broken? Scan\u00a0&\u00a0report',
  noApp: 'Ohne App, ohne Anmeldung',
  noAppEn: 'No app, no login',
} as const;

/** The texts a layout can place; `code`, `address` and `description` differ per bin or per city. */
export const TEXT_IDS = ['headline', 'headlineEn', 'code', 'address', 'noApp', 'noAppEn', 'description'] as const;
export type TextId = (typeof TEXT_IDS)[number];

/** Which of the embedded fonts a text is set in; the code is monospaced so that every code fits alike. */
export type FontId = 'regular' | 'bold' | 'code';

export const TEXT_FONTS: Record<TextId, FontId> = {
  headline: 'bold',
  headlineEn: 'regular',
  code: 'code',
  address: 'bold',
  noApp: 'regular',
  noAppEn: 'regular',
  description: 'regular',
};

export interface StickerBin {
  code: string;
  description: string;
  district: string | null;
}

/** The text of each id for one bin; `address` is where people can type the code by hand. */
export function stickerTexts(bin: StickerBin, address: string): Record<TextId, string> {
  return {
    ...STICKER_TEXTS,
    code: formatBinCode(bin.code),
    address,
    description: bin.district ? `${bin.description} · ${bin.district}` : bin.description,
  };
}

export const PDF_TITLE = 'Stadtmelder – Aufkleber für Papierkörbe';
