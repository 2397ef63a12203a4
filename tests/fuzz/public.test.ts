// Fuzz: every public route (citizens' pages and forms, open data, photos, QR codes, the login form)
// with hostile parameters, queries and bodies. See tests/fuzz/checks.ts for what every answer must be.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CATALOGUE, routeKey } from './catalogue.ts';
import { createFuzzWorld, type FuzzWorld } from './fixture.ts';
import { makeHostileFiles, type HostileFiles } from './images.ts';
import { fuzzRoute } from './run.ts';

let world: FuzzWorld;
let files: HostileFiles;

beforeAll(async () => {
  [world, files] = await Promise.all([createFuzzWorld(), makeHostileFiles()]);
});
afterAll(() => world.close());

describe('fuzzed public routes: never a 5xx, a trace, an unescaped echo or a write on refusal', () => {
  for (const spec of CATALOGUE.filter((s) => !s.staff)) {
    it(routeKey(spec), () => fuzzRoute(world, files, spec));
  }
});
