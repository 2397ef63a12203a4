// Search keys for German addresses, so that what people type finds what the city's data says:
// "Große Bleiche", "grosse bleiche" and "Grosse-Bleiche" are one street, "Breite Str." and "Breitestraße"
// are "Breite Straße", "Ludwigstr" is "Ludwigsstraße" only if the data says so (no guessing beyond
// spelling), and "12 A", "12a" and "12-a" are one house number. Keys are plain ASCII letters and digits.

/** ä → ae, ö → oe, ü → ue, ß → ss; other accents dropped (é → e); lower case. */
function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/**
 * The street's key: folded, "straße"/"strasse"/"str." as "str", and without spaces, hyphens, dots and
 * other punctuation ("Kaiser-Wilhelm-Ring" → "kaiserwilhelmring", "Große Bleiche" → "grossebleiche").
 */
export function streetKey(street: string): string {
  return fold(street)
    .replace(/strasse/g, 'str')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The key of a street someone is still typing: "Breite Stra" must find "breitestr…" although the key
 * of "straße" is "str", so a trailing start of "strasse" counts as "str".
 */
export function streetPrefixKey(typed: string): string {
  return streetKey(typed).replace(/stra(s{1,2}e?)?$/, 'str');
}

/** "12 A", "12a", "12-a" → "12a"; "5 / 1" → "5/1". */
export function houseNumberKey(number: string, addition = ''): string {
  return fold(`${number}${addition}`).replace(/[\s\-–.]+/g, '');
}

/** The number's digits, for ordering 2, 2a, 10 (not 10, 2, 2a). */
export function houseNumberOrder(number: string): number {
  const digits = /\d+/.exec(number)?.[0];
  return digits ? Math.min(Number(digits), 1_000_000) : 0;
}

export interface AddressQuery {
  /** The street part's key, empty when nothing street-like was typed. */
  street: string;
  /** The street part's key for a prefix search (see streetPrefixKey). */
  streetPrefix: string;
  /** The house number's key, or null when none was typed. */
  number: string | null;
  /** A five-digit postcode typed anywhere, or null. */
  postcode: string | null;
}

// Words that say where the street is, not which: the city's name, "Deutschland".
const PLACE_WORDS = /\b(mainz|deutschland|germany)\b/giu;

/**
 * Reads "Große Bleiche 12a, 55116 Mainz", "55116 große bleiche 12 A", "Breite Str. 20" into a street,
 * a house number and a postcode. The house number is the first group of digits (with a letter or
 * "/n") after the street; a postcode is five digits on their own.
 */
export function parseAddressQuery(text: string): AddressQuery {
  let rest = ` ${text.normalize('NFC')} `;
  let postcode: string | null = null;
  rest = rest.replace(/(?<![\p{L}\p{N}])(\d{5})(?![\p{L}\p{N}])/u, (_m, p: string) => {
    postcode = p;
    return ' ';
  });
  rest = rest.replace(PLACE_WORDS, ' ');
  // A number that follows a street: "12", "12a", "12 a", "12-a", "12/1", the rest of the text dropped.
  let number: string | null = null;
  const match = /^(.*?\p{L}[^\d]*?)\s*(\d{1,5}(?:\s*[-/]?\s*[a-z](?![\p{L}]))?(?:\s*\/\s*\d{1,3})?)(?![\d])/iu.exec(rest);
  let streetPart = rest;
  if (match) {
    streetPart = match[1]!;
    number = houseNumberKey(match[2]!);
  }
  streetPart = streetPart.replace(/[,;]+/g, ' ');
  return { street: streetKey(streetPart), streetPrefix: streetPrefixKey(streetPart), number, postcode };
}
