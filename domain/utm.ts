// ETRS89 / UTM (EPSG:25832 for zone 32N) to WGS 84 longitude/latitude: the inverse transverse Mercator
// projection by Krüger's series in the form of Karney (2011), "Transverse Mercator with an accuracy of a
// few nanometers", eqs. 11, 15 and 19–21. Four terms of the series are far below a millimetre anywhere in
// Germany. ETRS89 and WGS 84 differ by well under a metre, less than the house coordinates' own ±0.5 m,
// so the ellipsoid is GRS80 and no datum shift is applied. tests/addresses/utm.test.ts holds the
// reference points.

const A = 6378137; // GRS80 semi-major axis (m)
const F = 1 / 298.257222101; // GRS80 flattening
const K0 = 0.9996;
const FALSE_EASTING = 500_000;

const N = F / (2 - F);
const E2 = F * (2 - F);
const E = Math.sqrt(E2);
/** The rectifying radius: the meridian's length divided by 2π. */
const RECTIFYING = (A / (1 + N)) * (1 + N ** 2 / 4 + N ** 4 / 64);
const BETA = [
  N / 2 - (2 / 3) * N ** 2 + (37 / 96) * N ** 3 - (1 / 360) * N ** 4,
  (1 / 48) * N ** 2 + (1 / 15) * N ** 3 - (437 / 1440) * N ** 4,
  (17 / 480) * N ** 3 - (37 / 840) * N ** 4,
  (4397 / 161280) * N ** 4,
];

/** The UTM zone's central meridian in degrees (zone 32: 9° E). */
export const centralMeridian = (zone: number) => zone * 6 - 183;

/** Latitude's tangent from the conformal latitude's (Karney eqs. 19–21, Newton's method). */
function tauFromConformal(tauPrime: number): number {
  let tau = tauPrime;
  for (let i = 0; i < 5; i++) {
    const sigma = Math.sinh(E * Math.atanh((E * tau) / Math.hypot(1, tau)));
    const tauI = tau * Math.hypot(1, sigma) - sigma * Math.hypot(1, tau);
    const delta = ((tauPrime - tauI) / Math.hypot(1, tauI)) * ((1 + (1 - E2) * tau * tau) / ((1 - E2) * Math.hypot(1, tau)));
    tau += delta;
    if (Math.abs(delta) < 1e-14) break;
  }
  return tau;
}

/** Easting and northing (metres) of the northern hemisphere's `zone` to longitude/latitude in degrees. */
export function utmToLonLat(easting: number, northing: number, zone = 32): { lon: number; lat: number } {
  const xi = northing / (K0 * RECTIFYING);
  const eta = (easting - FALSE_EASTING) / (K0 * RECTIFYING);
  let xiP = xi;
  let etaP = eta;
  for (let j = 1; j <= BETA.length; j++) {
    xiP -= BETA[j - 1]! * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
    etaP -= BETA[j - 1]! * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
  }
  const tauPrime = Math.sin(xiP) / Math.hypot(Math.sinh(etaP), Math.cos(xiP));
  const lat = (Math.atan(tauFromConformal(tauPrime)) * 180) / Math.PI;
  const lon = centralMeridian(zone) + (Math.atan2(Math.sinh(etaP), Math.cos(xiP)) * 180) / Math.PI;
  return { lon, lat };
}
