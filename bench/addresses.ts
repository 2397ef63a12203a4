// `npm run bench:addresses [-- N]`: address suggestions (GET /adressen) with N addresses imported
// (default 100,000: a city of Mainz's size has about 30,000, so this is a large city's list). Prints
// p50/p95/p99 of in-process requests over typical typing (street prefixes, then numbers), each query
// new to the cache, and the FIGURE line of the target: p95 < 20 ms.
import { replaceAddresses } from '../db/addresses.ts';
import type { AddressRecord } from '../domain/address-files.ts';
import { createApp } from '../server/app.ts';
import { createTestContext } from '../tests/helpers.ts';
import { figure, percentile } from './figures.ts';
import { seededRandom } from '../db/seed/mainz.ts';

const total = Number(process.argv[2] ?? 100_000);
const ctx = await createTestContext();
const random = seededRandom(11);
const stems = ['Haupt', 'Bahnhof', 'Kirch', 'Schul', 'Garten', 'Berg', 'Wald', 'Linden', 'Rosen', 'Mühl', 'Breite', 'Große', 'Kaiser', 'Goethe', 'Schiller', 'Rhein', 'Main', 'Wiesen', 'Feld', 'Markt'];
const kinds = ['straße', 'weg', 'gasse', 'ring', 'platz', 'allee'];
const streets: string[] = [];
for (const a of stems) for (const b of stems) for (const k of kinds) streets.push(`${a}${b.toLowerCase()}${k}`);
const records: AddressRecord[] = [];
for (let i = 0; records.length < total; i++) {
  const street = streets[i % streets.length]!;
  const n = 1 + Math.floor(i / streets.length);
  records.push({ street, houseNumber: random() < 0.1 ? `${n}a` : String(n), postcode: `551${String(16 + (i % 15)).padStart(2, '0')}`, city: 'Mainz', lat: 49.9 + random() * 0.1, lon: 8.15 + random() * 0.2 });
}
const started = performance.now();
await replaceAddresses(ctx.db, records, 'osm');
console.error(`imported ${records.length} addresses (${streets.length} streets) in ${Math.round(performance.now() - started)} ms`);

const app = createApp(ctx);
const queries: string[] = [];
for (let i = 0; i < 2_000; i++) {
  const street = streets[Math.floor(random() * streets.length)]!;
  const typed = street.slice(0, 2 + Math.floor(random() * (street.length - 2)));
  // Half the time the whole street and a number being typed, in German spelling variants.
  queries.push(random() < 0.5 ? `${typed} ${i}` : `${street.replace('straße', 'str.')} ${1 + Math.floor(random() * 60)}`.slice(0, 60));
}
// Each client asks 50 times: the per-client limit is not what is measured.
const times: number[] = [];
for (const [i, q] of queries.entries()) {
  const t0 = performance.now();
  const res = await app.request(`/adressen?q=${encodeURIComponent(q)}`, {}, { incoming: { socket: { remoteAddress: `10.0.${Math.floor(i / 50)}.1` } } });
  await res.text();
  times.push(performance.now() - t0);
  if (res.status !== 200) throw new Error(`${q}: ${res.status}`);
}
times.sort((a, b) => a - b);
console.error(`suggestions: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms over ${times.length} requests`);
figure({ name: 'addresses: suggestion p95 (100,000 addresses)', value: percentile(times, 95), unit: 'ms', target: 20, better: 'lower' });
await ctx.db.destroy();
