// Where a report is: the point set on the map (or by the phone's location), or an address. With a
// geocoder the address becomes coordinates; without one (or when it finds nothing) the report is
// placed at the chosen district and keeps the address text, so staff see "location from address".
import type { AppContext } from './context.ts';
import { labelPoint, type Point } from './domain/geo.ts';
import { pointFromInputs, type FieldError, type ReportFormValues } from './domain/report-form.ts';
import { isInsideCity, type RoutingTable } from './domain/routing.ts';
import { geocodeAddress } from './geocoder.ts';

/**
 * `address` is what the reporter typed (public only after moderation); `geocodedAddress` is the
 * geocoder's name for the place it found, which the public may see at once.
 */
export type ResolvedLocation = { point: Point; address: string | null; geocodedAddress: string | null; source: 'map' | 'gps' | 'address' } | { error: FieldError };

/** `table` is the routing table the report will be filed with: its boundary and districts decide here too. */
export async function resolveLocation(ctx: AppContext, values: ReportFormValues, table: RoutingTable): Promise<ResolvedLocation> {
  const located = await locate(ctx, values, table);
  if ('error' in located) return located;
  return isInsideCity(located.point, table) ? located : { error: { key: 'error.outsideCity' } };
}

async function locate(ctx: AppContext, values: ReportFormValues, table: RoutingTable): Promise<ResolvedLocation> {
  const address = values.strasse || null;
  const point = pointFromInputs(values);
  if (point === undefined) return { error: { key: 'report.error.locationInvalid' } };
  if (point) return { point, address, geocodedAddress: null, source: values.quelle === 'gps' ? 'gps' : 'map' };
  if (!address) return { error: { key: 'report.error.location' } };

  const district = table.districts.find((d) => String(d.id) === values.ortsbezirk);
  if (ctx.config.geocoderUrl) {
    const query = [address, district?.name, 'Mainz'].filter(Boolean).join(', ');
    const found = await geocodeAddress(ctx.config.geocoderUrl, query);
    if (found) return { point: found.point, address, geocodedAddress: found.label, source: 'address' };
  }
  if (!district) return { error: { key: ctx.config.geocoderUrl ? 'report.error.addressNotFound' : 'report.error.location' } };
  return { point: labelPoint(district.geometry), address, geocodedAddress: null, source: 'address' };
}
