// Coordinates in every form and query that takes them: numbers in another notation (hex, exponents,
// infinities, other scripts' digits, several points) are refused, never read as some point. Each
// answer also passes the checks of tests/fuzz/checks.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, routeKey } from './catalogue.ts';
import { createFuzzWorld, type FuzzWorld } from './fixture.ts';
import { makeHostileFiles, type HostileFiles } from './images.ts';
import { sendAndCheck } from './run.ts';
import type { RequestPlan } from './send.ts';
import type { FieldValue } from './hostile.ts';

let world: FuzzWorld;
let files: HostileFiles;

beforeAll(async () => {
  [world, files] = await Promise.all([createFuzzWorld(), makeHostileFiles()]);
});
afterAll(() => world.close());

/** Not a decimal number as a person types one (a decimal comma would be fine). */
const NOT_DECIMAL = ['0x32', '0X1F', '0b101', '0o17', '5.00005e1', '5e1', '1e309', '1e-400', 'Infinity', '-Infinity', 'NaN', '٥٠', '５０', '1_000', '50.0.0', '--1'];

const spec = (key: string) => CATALOGUE.find((s) => routeKey(s) === key)!;
let client = 0;

function plan(params: Record<string, string>, fields: Array<[string, FieldValue]>, query: Array<[string, string]> = []): RequestPlan {
  client += 1;
  return { params, query, lang: 'none', cookie: 'session', accept: 'html', origin: 'same', fields, body: { kind: 'urlencoded' }, csrf: 'valid', formToken: 'valid', client: `203.0.113.${client % 250}` };
}

/** For each trick, lat and lon in turn: the request with it, and whether the answer accepted it. */
async function acceptedTricks(send: (lat: string, lon: string) => Promise<{ status: number; problems: string[] }>, accepted: (status: number) => boolean) {
  const { lat, lon } = world.fixture.point;
  const taken: string[] = [];
  for (const trick of NOT_DECIMAL) {
    for (const [la, lo, which] of [[trick, String(lon), 'lat'], [String(lat), trick, 'lon']] as const) {
      const { status, problems } = await send(la, lo);
      expect(problems, `${which}=${trick}`).toEqual([]);
      if (accepted(status)) taken.push(`${which}=${trick} (${status})`);
    }
  }
  return taken;
}

describe('coordinates in another notation are refused', () => {
  // The report form read lat/lon with Number(), so lat=0x32, lat=5.00005e1 and lat=5e1 (all 50,
  // inside Mainz) with the fixture's lon filed a report (303); one parser for every form now.
  it('by the report form', async () => {
    const taken = await acceptedTricks(
      async (lat, lon) => sendAndCheck(world, files, spec('POST /melden/:slug'), plan({ slug: 'strassenschaden' }, [['lat', lat], ['lon', lon], ['trotzdem', '1']])),
      (status) => status === 303,
    );
    expect(taken).toEqual([]);
  });

  it('by the staff location correction', async () => {
    const taken = await acceptedTricks(
      async (lat, lon) => sendAndCheck(world, files, spec('POST /intern/meldungen/:id{[0-9]{1,12}}/ort'), plan({ id: String(world.fixture.openReport) }, [['lat', lat], ['lon', lon]])),
      (status) => status === 303,
    );
    expect(taken).toEqual([]);
  });

  it('by the bin edit form', async () => {
    const taken = await acceptedTricks(
      async (lat, lon) =>
        sendAndCheck(world, files, spec('POST /intern/papierkoerbe/:id{[0-9]+}'), plan({ id: String(world.fixture.binId) }, [['bin_type', 'Standard'], ['lat', lat], ['lon', lon]])),
      (status) => status === 303,
    );
    expect(taken).toEqual([]);
  });

  it('by the crew view’s position and the routing check', async () => {
    const crew = await acceptedTricks(async (lat, lon) => sendAndCheck(world, files, spec('GET /intern/kolonne'), plan({}, [], [['lat', encodeURIComponent(lat)], ['lon', encodeURIComponent(lon)]])), (s) => s === 200);
    const check = await acceptedTricks(
      async (lat, lon) =>
        sendAndCheck(world, files, spec('GET /intern/verwaltung/zustaendigkeit/pruefen'), plan({}, [], [['kategorie', String(world.fixture.defectCategoryId)], ['lat', encodeURIComponent(lat)], ['lon', encodeURIComponent(lon)]])),
      (s) => s === 200,
    );
    expect([...crew, ...check]).toEqual([]);
  });

  it('by the map’s bounding box, public and staff', async () => {
    const box = (lat: string, lon: string) => encodeURIComponent(`${lon},${lat},8.4,50.1`);
    const map = await acceptedTricks(async (lat, lon) => sendAndCheck(world, files, spec('GET /karte.geojson'), plan({}, [], [['bbox', box(lat, lon)]])), (s) => s === 200);
    const queue = await acceptedTricks(async (lat, lon) => sendAndCheck(world, files, spec('GET /intern/meldungen.geojson'), plan({}, [], [['bbox', box(lat, lon)]])), (s) => s === 200);
    expect([...map, ...queue]).toEqual([]);
  });
});
