// Where a report is: the point set on the map (or by the phone's location), or an address. A typed
// address is looked up in the city's own addresses (server/address-lookup.ts) first, then, where one is
// configured, by the external geocoder (GEOCODER_URL). Several matches, or none exactly but some near,
// bring the form back with a "Meinten Sie …" choice. Only when nothing names the house is the report
// placed at the chosen district's centre, as location_source 'district': such a report is never offered
// as a duplicate nor measured from (see docs/decisions/034-embedded-geocoder.md).
import { addressLabel, findAddressById, type AddressHit } from '../db/addresses.ts';
import type { AppContext } from './context.ts';
import { resolveTypedAddress } from './address-lookup.ts';
import { labelPoint, type Point } from '../domain/geo.ts';
import { pointFromInputs, type FieldError, type ReportFormValues } from '../domain/report-form.ts';
import { isInsideCity, type RoutingTable } from '../domain/routing.ts';
import { geocodeAddress } from './geocoder.ts';

/** The radio value of "none of these: only the district". */
export const DISTRICT_ONLY = 'ortsbezirk';

export interface AddressChoice {
  reason: 'ambiguous' | 'unknown' | 'noNumber';
  candidates: { id: number; label: string }[];
}

/**
 * `address` is what the reporter typed (public only after moderation); `geocodedAddress` is the
 * geocoder's name for the place it found, which the public may see at once.
 */
export type ResolvedLocation =
  | { point: Point; address: string | null; geocodedAddress: string | null; source: 'map' | 'gps' | 'address' | 'district' }
  | { error: FieldError }
  | { choose: AddressChoice };

/** `table` is the routing table the report will be filed with: its boundary and districts decide here too. */
export async function resolveLocation(ctx: AppContext, values: ReportFormValues, table: RoutingTable): Promise<ResolvedLocation> {
  const located = await locate(ctx, values, table);
  if (!('point' in located)) return located;
  return isInsideCity(located.point, table) ? located : { error: { key: 'error.outsideCity' } };
}

const atHouse = (address: string, house: AddressHit) => ({ point: { lat: house.lat, lon: house.lon }, address, geocodedAddress: addressLabel(house), source: 'address' as const });

async function locate(ctx: AppContext, values: ReportFormValues, table: RoutingTable): Promise<ResolvedLocation> {
  const address = values.strasse || null;
  const point = pointFromInputs(values);
  if (point === undefined) return { error: { key: 'report.error.locationInvalid' } };
  if (point) return { point, address, geocodedAddress: null, source: values.quelle === 'gps' ? 'gps' : 'map' };
  if (!address) return { error: { key: 'report.error.location' } };

  const district = table.districts.find((d) => String(d.id) === values.ortsbezirk);
  const atDistrict = () => (district ? { point: labelPoint(district.geometry), address, geocodedAddress: null, source: 'district' as const } : null);

  // A choice from the "Meinten Sie …" step, as long as the address it was offered for is unchanged.
  if (values.adresse && values.gefragt === address) {
    if (values.adresse === DISTRICT_ONLY) return atDistrict() ?? { error: { key: 'report.error.chooseDistrict' } };
    const chosen = /^\d{1,12}$/.test(values.adresse) ? await findAddressById(ctx.db, Number(values.adresse)) : undefined;
    if (chosen) return atHouse(address, chosen);
  }

  const embedded = await resolveTypedAddress(ctx.db, address, district?.geometry);
  if (embedded.kind === 'found') return atHouse(address, embedded.address);
  if (ctx.config.geocoderUrl) {
    const query = [address, district?.name, 'Mainz'].filter(Boolean).join(', ');
    const found = await geocodeAddress(ctx.config.geocoderUrl, query);
    if (found) return { point: found.point, address, geocodedAddress: found.label, source: 'address' };
  }
  if (embedded.kind === 'choose') return { choose: { reason: embedded.reason, candidates: embedded.candidates.map((c) => ({ id: c.id, label: addressLabel(c) })) } };
  // Nothing like it. Where the city has imported no addresses at all, the district is all there is;
  // otherwise the citizen is asked once, so that a typo does not silently become "somewhere in Gonsenheim".
  const hasAddresses = (await ctx.db.selectFrom('addresses').select('id').limit(1).executeTakeFirst()) !== undefined;
  if (!hasAddresses || values.adresse === DISTRICT_ONLY) {
    return atDistrict() ?? { error: { key: ctx.config.geocoderUrl || hasAddresses ? 'report.error.addressNotFound' : 'report.error.location' } };
  }
  return district ? { choose: { reason: 'unknown', candidates: [] } } : { error: { key: 'report.error.addressNotFound' } };
}
