// The embedded geocoder: a typed address to the house it names, using the addresses the city
// imported (db/addresses.ts). Used by the report form (server/report-location.ts) and by the
// suggestions as one types (server/routes/addresses.ts). See docs/decisions/034-embedded-geocoder.md.
import { addressLabel, findExactAddresses, findNearestNumbers, streetLabel, suggestHouses, suggestStreets, type AddressHit } from '../db/addresses.ts';
import type { Db } from '../db/connection.ts';
import { parseAddressQuery } from '../domain/address-key.ts';
import { geometryContains, type AreaGeometry } from '../domain/geo.ts';

export const SUGGESTIONS_MAX = 8;
/** Shorter typed streets would match half the city. */
const STREET_PREFIX_MIN = 2;

export interface Suggestion {
  /** What the list shows and what the field gets: a street ("Breite Straße, 55124 Mainz") or a house. */
  label: string;
  /** The text for the field; for a street, its name and a space, ready for the number. */
  value: string;
  kind: 'street' | 'house';
}

/** Suggestions for what someone has typed so far: streets until a number is typed, then houses. */
export async function suggestAddresses(db: Db, typed: string): Promise<Suggestion[]> {
  const q = parseAddressQuery(typed);
  if (q.streetPrefix.length < STREET_PREFIX_MIN) return [];
  if (q.number === null) {
    return (await suggestStreets(db, q, SUGGESTIONS_MAX)).map((s) => ({ label: streetLabel(s), value: `${s.street} `, kind: 'street' }));
  }
  return (await suggestHouses(db, { ...q, number: q.number }, SUGGESTIONS_MAX)).map((h) => ({ label: addressLabel(h), value: addressLabel(h), kind: 'house' }));
}

export type AddressResolution =
  /** One house matches. */
  | { kind: 'found'; address: AddressHit }
  /** Several houses match, or none exactly but some are near: the citizen chooses ("Meinten Sie …"). */
  | { kind: 'choose'; reason: 'ambiguous' | 'unknown' | 'noNumber'; candidates: AddressHit[] }
  /** Nothing like it. */
  | { kind: 'none' };

/**
 * The house a typed address names. A chosen district narrows several matches (two "Kirchstraße 3" in
 * Drais and Marienborn) to the one inside it.
 */
export async function resolveTypedAddress(db: Db, typed: string, district?: AreaGeometry): Promise<AddressResolution> {
  const q = parseAddressQuery(typed);
  if (q.street.length < STREET_PREFIX_MIN) return { kind: 'none' };
  if (q.number === null) {
    // A street without a number: its houses are too many to list, the citizen adds the number.
    const streets = await suggestStreets(db, { ...q, streetPrefix: q.street }, 1);
    return streets.length ? { kind: 'choose', reason: 'noNumber', candidates: [] } : { kind: 'none' };
  }
  const withNumber = { ...q, number: q.number };
  let exact = await findExactAddresses(db, withNumber);
  if (exact.length > 1 && district) {
    const inside = exact.filter((a) => geometryContains(a, district));
    if (inside.length) exact = inside;
  }
  if (exact.length === 1) return { kind: 'found', address: exact[0]! };
  if (exact.length > 1) return { kind: 'choose', reason: 'ambiguous', candidates: exact };
  // Not exactly: a typo in the street's end ("Breite 20"), or a number the street does not have.
  const near = [...(await suggestHouses(db, { ...withNumber, streetPrefix: q.street }, SUGGESTIONS_MAX)), ...(await findNearestNumbers(db, withNumber, 5))];
  const unique = [...new Map(near.map((a) => [a.id, a])).values()].slice(0, SUGGESTIONS_MAX);
  return unique.length ? { kind: 'choose', reason: 'unknown', candidates: unique } : { kind: 'none' };
}
