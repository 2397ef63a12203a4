// Coordinates as the map writes them and people type them. JavaScript's Number() takes far more than
// a number in degrees ("0x32", "5.00005e1", "Infinity", "" as 0), so the text is checked first: an
// optional sign, one to three digits, and optionally a decimal point or comma with up to 15 digits.
// The citizen form and the staff location form use this one parser.

const DECIMAL_DEGREES = /^[+-]?[0-9]{1,3}(?:[.,][0-9]{1,15})?$/;
const LIMIT = { lat: 90, lon: 180 } as const;

/** The value in degrees, or null when the text is not a plain decimal number within the axis' range. */
export function parseCoordinate(text: string, axis: 'lat' | 'lon'): number | null {
  const trimmed = text.trim();
  if (!DECIMAL_DEGREES.test(trimmed)) return null;
  const value = Number(trimmed.replace(',', '.'));
  return Math.abs(value) <= LIMIT[axis] ? value : null;
}
