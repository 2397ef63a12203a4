// The embedded geocoder's addresses: replaced as a whole by an import, searched by the keys of
// server/domain/address-key.ts. Every search reads one range of the addresses_search index
// (street_key, postcode, number_order, number_key), never the table: tests/addresses/query-plans.test.ts.
import { houseNumberKey, houseNumberOrder, parseAddressQuery, streetKey, type AddressQuery } from '../domain/address-key.ts';
import type { AddressRecord } from '../domain/address-files.ts';
import { inTransaction, type Db } from './connection.ts';
import type { AddressTable } from './schema.ts';

/** An address as read from a file, with its row's id. */
export interface AddressHit extends AddressRecord {
  id: number;
}

export interface StreetHit {
  street: string;
  postcode: string | null;
  city: string | null;
}

/** "Breite Straße 20, 55124 Mainz": how a place is named to citizens and stored as the geocoded address. */
export function addressLabel(a: Pick<AddressHit, 'street' | 'houseNumber' | 'postcode' | 'city'>): string {
  const place = [a.postcode, a.city].filter(Boolean).join(' ');
  return place ? `${a.street} ${a.houseNumber}, ${place}` : `${a.street} ${a.houseNumber}`;
}

export function streetLabel(s: StreetHit): string {
  const place = [s.postcode, s.city].filter(Boolean).join(' ');
  return place ? `${s.street}, ${place}` : s.street;
}

/** Upper end of a prefix range: every key that starts with `prefix` sorts below it. */
const after = (prefix: string) => `${prefix}\u{10FFFF}`;

/** The whole address list replaced by `records`, in one transaction: an import never leaves half. */
export async function replaceAddresses(db: Db, records: readonly AddressRecord[], source: AddressTable['source']): Promise<number> {
  return inTransaction(db, async (trx) => {
    await trx.deleteFrom('addresses').execute();
    const rows = records.map((r) => ({
      street: r.street,
      house_number: r.houseNumber,
      postcode: r.postcode,
      city: r.city,
      lat: r.lat,
      lon: r.lon,
      street_key: streetKey(r.street),
      number_key: houseNumberKey(r.houseNumber),
      number_order: houseNumberOrder(r.houseNumber),
      source,
    }));
    // Chunks keep each statement under SQLite's bound-parameter limit (10 columns × 500).
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('addresses').values(rows.slice(i, i + 500)).execute();
    return rows.length;
  });
}

export async function countAddresses(db: Db): Promise<{ total: number; demo: number }> {
  const row = await db
    .selectFrom('addresses')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.sum<number>(eb.case().when('source', '=', 'demo').then(1).else(0).end()).as('demo')])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), demo: Number(row.demo ?? 0) };
}

const HIT_COLUMNS = ['id', 'street', 'house_number', 'postcode', 'city', 'lat', 'lon'] as const;
type HitRow = Pick<AddressTable, 'street' | 'house_number' | 'postcode' | 'city' | 'lat' | 'lon'> & { id: number };
const toHit = (r: HitRow): AddressHit => ({ id: r.id, street: r.street, houseNumber: r.house_number, postcode: r.postcode, city: r.city, lat: r.lat, lon: r.lon });

/** Streets whose key starts with the typed street, one line per street and postcode. */
export async function suggestStreets(db: Db, q: AddressQuery, limit: number): Promise<StreetHit[]> {
  let query = db
    .selectFrom('addresses')
    .select((eb) => [eb.fn.min('street').as('street'), 'postcode', eb.fn.min('city').as('city')])
    .where('street_key', '>=', q.streetPrefix)
    .where('street_key', '<', after(q.streetPrefix));
  if (q.postcode) query = query.where('postcode', '=', q.postcode);
  const rows = await query.groupBy(['street_key', 'postcode']).orderBy('street_key').orderBy('postcode').limit(limit).execute();
  return rows.map((r) => ({ street: r.street as string, postcode: r.postcode, city: r.city as string | null }));
}

/** Addresses on streets starting with the typed street whose number starts with the typed number. */
export async function suggestHouses(db: Db, q: AddressQuery & { number: string }, limit: number): Promise<AddressHit[]> {
  let query = db
    .selectFrom('addresses')
    .select(HIT_COLUMNS)
    .where('street_key', '>=', q.streetPrefix)
    .where('street_key', '<', after(q.streetPrefix))
    .where('number_key', '>=', q.number)
    .where('number_key', '<', after(q.number));
  if (q.postcode) query = query.where('postcode', '=', q.postcode);
  const rows = await query.orderBy('street_key').orderBy('postcode').orderBy('number_order').orderBy('number_key').limit(limit).execute();
  return rows.map(toHit);
}

/** The addresses exactly as typed (street, number and the postcode if one was typed). */
export async function findExactAddresses(db: Db, q: AddressQuery & { number: string }, limit = 10): Promise<AddressHit[]> {
  let query = db.selectFrom('addresses').select(HIT_COLUMNS).where('street_key', '=', q.street).where('number_key', '=', q.number);
  if (q.postcode) query = query.where('postcode', '=', q.postcode);
  return (await query.orderBy('street_key').orderBy('postcode').limit(limit).execute()).map(toHit);
}

/** On the typed street (exactly), the houses whose numbers are nearest to the typed one. */
export async function findNearestNumbers(db: Db, q: AddressQuery & { number: string }, limit: number): Promise<AddressHit[]> {
  const order = houseNumberOrder(q.number);
  let query = db
    .selectFrom('addresses')
    .select(HIT_COLUMNS)
    .where('street_key', '=', q.street);
  if (q.postcode) query = query.where('postcode', '=', q.postcode);
  // A street's houses, in index order; the longest streets have a few hundred.
  const rows = await query.orderBy('street_key').orderBy('postcode').orderBy('number_order').limit(1000).execute();
  return rows
    .map(toHit)
    .sort((a, b) => Math.abs(houseNumberOrder(a.houseNumber) - order) - Math.abs(houseNumberOrder(b.houseNumber) - order))
    .slice(0, limit);
}

export async function findAddressById(db: Db, id: number): Promise<AddressHit | undefined> {
  const row = await db.selectFrom('addresses').select(HIT_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toHit(row) : undefined;
}

export { parseAddressQuery };
