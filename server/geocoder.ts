// Addresses to coordinates through a geocoder run by the city (Nominatim- or Photon-compatible).
// The request goes from our server, so the citizen's browser never talks to a third party.
import type { Point } from '../domain/geo.ts';

const TIMEOUT_MS = 4_000;
/** As long as a typed address may be (domain/report-form.ts ADDRESS_MAX). */
const LABEL_MAX = 200;

export interface GeocodedPlace {
  point: Point;
  /**
   * The place in the geocoder's words ("Hauptstraße 5"), or null when it gave none. It comes from
   * the geocoder's map data, never from the query, so it is public without moderation while the
   * words the reporter typed are not.
   */
  label: string | null;
}

type NominatimHit = { lat?: string; lon?: string; name?: string; display_name?: string; address?: Record<string, string | undefined> };
type PhotonFeature = { geometry?: { coordinates?: [number, number] }; properties?: Record<string, string | undefined> };

/** "Street number", else the place's name; short and without the reporter's words. */
function labelOf(street: string | undefined, number: string | undefined, name: string | undefined): string | null {
  const text = street ? [street, number].filter(Boolean).join(' ') : name;
  const clean = text?.replace(/\s+/g, ' ').trim();
  return clean ? Array.from(clean).slice(0, LABEL_MAX).join('') : null;
}

/** Returns the best match or null; a geocoder that fails or times out is the same as no match. */
export async function geocodeAddress(baseUrl: string, query: string): Promise<GeocodedPlace | null> {
  const photon = /\/api\/?$/.test(new URL(baseUrl).pathname);
  const url = new URL(photon ? baseUrl : `${baseUrl.replace(/\/+$/, '')}/search`);
  url.searchParams.set('q', query);
  url.searchParams.set('limit', '1');
  if (!photon) {
    url.searchParams.set('format', 'jsonv2');
    url.searchParams.set('addressdetails', '1');
  }
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: 'application/json' } });
    if (!res.ok) return null;
    const data = (await res.json()) as unknown;
    // Nominatim: [{ lat: "50.0", lon: "8.27", address: { road, house_number } }];
    // Photon: { features: [{ geometry: { coordinates: [lon, lat] }, properties: { street, housenumber, name } }] }
    if (Array.isArray(data)) {
      const first = data[0] as NominatimHit | undefined;
      if (!first?.lat || !first.lon) return null;
      return { point: { lat: Number(first.lat), lon: Number(first.lon) }, label: labelOf(first.address?.road, first.address?.house_number, first.name) };
    }
    const feature = (data as { features?: PhotonFeature[] }).features?.[0];
    const c = feature?.geometry?.coordinates;
    if (!c) return null;
    const p = feature.properties ?? {};
    return { point: { lon: Number(c[0]), lat: Number(c[1]) }, label: labelOf(p.street, p.housenumber, p.name) };
  } catch {
    return null;
  }
}
