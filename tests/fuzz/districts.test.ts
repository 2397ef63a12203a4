// Fuzz: the districts import (the one staff upload that replaces data everything else depends on)
// with the demo file mutated: features left out or repeated, names hostile or missing, coordinates
// that overflow to Infinity, wrong types, rings too short, geometries of other types, whole documents
// broken. The answer and the writes pass tests/fuzz/checks.ts; after an accepted import the pages and
// forms that use districts (maps, the report form, routing, the crew view) still answer without a 5xx.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, routeKey } from './catalogue.ts';
import { answerProblems, readAnswer, takeUnhandled } from './checks.ts';
import { runsFor } from './config.ts';
import { createFuzzWorld, type FuzzWorld } from './fixture.ts';
import { hostileText, type FileSpec } from './hostile.ts';
import type { HostileFiles } from './images.ts';
import { sendAndCheck } from './run.ts';
import type { RequestPlan } from './send.ts';
import { fromClient } from '../request/scan-helpers.ts';

interface Feature {
  type: string;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}
const DEMO = JSON.parse(readFileSync(new URL('../../db/seed/mainz-districts.geojson', import.meta.url), 'utf8')) as { type: string; features: Feature[] };

/** Numbers written into the JSON text as they are: 1e309 parses to Infinity, -0 stays -0. */
const RAW_NUMBERS = ['1e309', '-1e309', '-0', '1e-400', '180.0000000001', '90.5', '0', '123456789012345678901234567890'];
const RAW = (n: string) => `"__raw_${n}__"`;

type Mutation =
  | { kind: 'name'; value: unknown }
  | { kind: 'number'; raw: string; at: number }
  | { kind: 'shift'; by: number }
  | { kind: 'shortRing' }
  | { kind: 'geometry'; value: unknown }
  | { kind: 'manyPoints'; count: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('name' as const), value: fc.oneof(hostileText, fc.constant(null), fc.constant(42), fc.constant(['Altstadt']), fc.constant('Altstadt')) }),
  fc.record({ kind: fc.constant('number' as const), raw: fc.constantFrom(...RAW_NUMBERS), at: fc.nat({ max: 50 }) }),
  fc.record({ kind: fc.constant('shift' as const), by: fc.constantFrom(0.5, 5, 100, -400) }),
  fc.record({ kind: fc.constant('shortRing' as const) }),
  fc.record({
    kind: fc.constant('geometry' as const),
    value: fc.constantFrom<unknown>(null, 'Polygon', { type: 'Point', coordinates: [8.27, 50] }, { type: 'GeometryCollection', geometries: [] }, { type: 'Polygon', coordinates: [] }, { type: 'Polygon', coordinates: [[['8.2', '50'], ['8.3', '50'], ['8.3', '50.1'], ['8.2', '50']]] }, { type: 'MultiPolygon', coordinates: [[[[8.2, 50], [8.3, 50], [8.2, 50]]]] }),
  }),
  fc.record({ kind: fc.constant('manyPoints' as const), count: fc.constantFrom(1000, 5000) }),
);

function outerRing(f: Feature): number[][] | null {
  const g = f.geometry;
  if (!g || !Array.isArray(g.coordinates)) return null;
  const c = g.coordinates as unknown[];
  const ring = g.type === 'MultiPolygon' ? (c[0] as unknown[] | undefined)?.[0] : c[0];
  return Array.isArray(ring) ? (ring as number[][]) : null;
}

function apply(f: Feature, m: Mutation): Feature {
  const copy = JSON.parse(JSON.stringify(f)) as Feature;
  const ring = outerRing(copy);
  switch (m.kind) {
    case 'name':
      copy.properties['name'] = m.value;
      break;
    case 'number':
      if (ring?.length) (ring[m.at % ring.length] as unknown[])[m.at % 2] = RAW(m.raw);
      break;
    case 'shift':
      ring?.forEach((p) => (p[0] = p[0]! + m.by));
      break;
    case 'shortRing':
      ring?.splice(2);
      break;
    case 'geometry':
      copy.geometry = m.value as Feature['geometry'];
      break;
    case 'manyPoints':
      // A valid ring of many points: a circle around the feature's first point.
      if (ring?.[0]) {
        const [x, y] = ring[0] as [number, number];
        const circle = Array.from({ length: m.count }, (_, i) => [x + 0.01 * Math.cos((2 * Math.PI * i) / m.count), y + 0.01 * Math.sin((2 * Math.PI * i) / m.count)]);
        copy.geometry = { type: 'Polygon', coordinates: [[...circle, circle[0]!]] };
      }
      break;
  }
  return copy;
}

const document = fc
  .record({
    picked: fc.subarray(DEMO.features.map((_, i) => i), { minLength: 0 }),
    mutations: fc.array(fc.tuple(fc.nat(), mutation), { maxLength: 3 }),
    wrapper: fc.oneof({ weight: 6, arbitrary: fc.constant('collection' as const) }, { weight: 1, arbitrary: fc.constantFrom('feature' as const, 'array' as const, 'cut' as const, 'bom' as const) }),
  })
  .map(({ picked, mutations, wrapper }) => {
    let features = picked.map((i) => DEMO.features[i]!);
    for (const [at, m] of mutations) if (features.length) features = features.map((f, i) => (i === at % features.length ? apply(f, m) : f));
    const data = wrapper === 'feature' ? features[0] ?? {} : wrapper === 'array' ? features : { type: 'FeatureCollection', features };
    let text = JSON.stringify(data).replace(/"__raw_([^_]+)__"/g, '$1');
    if (wrapper === 'cut') text = text.slice(0, Math.floor(text.length / 2));
    if (wrapper === 'bom') text = '\uFEFF' + text;
    return { text, summary: { picked: picked.length, mutations, wrapper } };
  });

let world: FuzzWorld;
const uploads = new Map<string, FileSpec>();
const files = { honest: [], hostile: [], heavy: { name: 'x', type: 'x', bytes: new Uint8Array() } } as HostileFiles;

beforeAll(async () => {
  world = await createFuzzWorld();
});
afterAll(() => world.close());

const spec = (key: string) => CATALOGUE.find((s) => routeKey(s) === key)!;

/** Pages and forms that read districts, as a citizen and as staff. */
function afterImport(f: FuzzWorld['fixture']): Array<[string, RequestInit & { staff?: boolean }]> {
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
  return [
    ['/', {}],
    ['/ortsbezirke', {}],
    ['/melden/strassenschaden', {}],
    ['/karte', {}],
    ['/karte.geojson?bbox=8.1,49.9,8.4,50.1', {}],
    ['/karte/liste?district=Altstadt', {}],
    [`/B/${f.binCode}`, {}],
    [`/B/${f.binCode}`, { method: 'POST', headers: form, body: 'reason=full' }],
    ['/intern/verwaltung/ortsbezirke', { staff: true }],
    [`/intern/verwaltung/zustaendigkeit/pruefen?kategorie=${f.defectCategoryId}&lat=${f.point.lat}&lon=${f.point.lon}`, { staff: true }],
    ['/intern/kolonne', { staff: true }],
    ['/intern/meldungen?ortsbezirk=Altstadt', { staff: true }],
    [`/intern/papierkoerbe/${f.binId}`, { staff: true }],
  ];
}

describe('fuzzed districts imports', () => {
  it('are refused with the file’s problems or imported, and every page that uses districts still works', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(document, async ({ text }) => {
        n += 1;
        uploads.set('bezirke.geojson', { name: 'bezirke.geojson', type: 'application/geo+json', bytes: new TextEncoder().encode(text) });
        files.hostile = [...uploads.values()];
        const plan: RequestPlan = {
          params: {}, query: [], lang: n % 2 ? 'query-en' : 'none', cookie: 'session', accept: 'html', origin: 'same', csrf: 'valid', formToken: 'valid', client: '203.0.113.91',
          fields: [['nameProperty', 'name'], ['file', { file: 'bezirke.geojson' }]],
          body: { kind: 'multipart', boundary: 'fzqboundary' },
        };
        const imported = await sendAndCheck(world, files, spec('POST /intern/verwaltung/ortsbezirke/import'), plan);
        expect(imported.problems, `import → ${imported.status}`).toEqual([]);
        expect([303, 422], `import → ${imported.status}`).toContain(imported.status);
        if (process.env['FUZZ_STATS']) console.log('districts import', imported.status, text.length);
        if (imported.status !== 303) return;
        for (const [path, init] of afterImport(world.fixture)) {
          const headers = new Headers(init.headers);
          if (init.staff) headers.set('Cookie', (await world.session()).cookie);
          const answer = await readAnswer(await world.app.request(`http://localhost${path}`, { ...init, headers }, fromClient(`198.51.100.${n % 250}`)));
          expect([...answerProblems(answer, 'de'), ...takeUnhandled(world)], `${init.method ?? 'GET'} ${path} → ${answer.status} after an import`).toEqual([]);
        }
      }),
      runsFor('districts import'),
    );
  });
});
