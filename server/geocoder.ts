// Addresses to coordinates through a geocoder run by the city (Nominatim- or Photon-compatible).
// The request goes from our server, so the citizen's browser never talks to a third party.
import type { Point } from './domain/geo.ts';

const TIMEOUT_MS = 4_000;

/** Returns the best match or null; a geocoder that fails or times out is the same as no match. */
export async function geocodeAddress(baseUrl: string, query: string): Promise<Point | null> {
  const photon = /\/api\/?$/.test(new URL(baseUrl).pathname);
  const url = new URL(photon ? baseUrl : `${baseUrl.replace(/\/+$/, '')}/search`);
  url.searchParams.set('q', query);
  url.searchParams.set('limit', '1');
  if (!photon) url.searchParams.set('format', 'jsonv2');
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: 'application/json' } });
    if (!res.ok) return null;
    const data = (await res.json()) as unknown;
    // Nominatim: [{ lat: "50.0", lon: "8.27" }]; Photon: { features: [{ geometry: { coordinates: [lon, lat] } }] }
    if (Array.isArray(data)) {
      const first = data[0] as { lat?: string; lon?: string } | undefined;
      return first?.lat && first.lon ? { lat: Number(first.lat), lon: Number(first.lon) } : null;
    }
    const feature = (data as { features?: Array<{ geometry?: { coordinates?: [number, number] } }> }).features?.[0];
    const c = feature?.geometry?.coordinates;
    return c ? { lon: Number(c[0]), lat: Number(c[1]) } : null;
  } catch {
    return null;
  }
}
