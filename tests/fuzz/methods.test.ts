// Fuzz: the other HTTP methods on every route's path (PUT, DELETE, PATCH, OPTIONS, HEAD and a made-up
// one), with and without a body. No route answers them with a 5xx, and none of them writes.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, fillPath, paramNames, routeKey } from './catalogue.ts';
import { answerProblems, countRows, readAnswer, takeUnhandled, writeProblems } from './checks.ts';
import { runsFor } from './config.ts';
import { createFuzzWorld, takeWrites, type FuzzWorld } from './fixture.ts';
import { fromClient } from '../request/scan-helpers.ts';

let world: FuzzWorld;

beforeAll(async () => {
  world = await createFuzzWorld();
});
afterAll(() => world.close());

const METHODS = ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND'] as const;

describe('other methods', () => {
  it('on any route’s path: never a 5xx, never a write, a message with every refusal that has a body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CATALOGUE), fc.constantFrom(...METHODS), fc.boolean(), async (spec, method, withBody) => {
        const values = Object.fromEntries(paramNames(spec.route).map((name) => [name, encodeURIComponent(spec.params?.[name]?.(world.fixture)[0] ?? 'x')]));
        const headers = new Headers(spec.staff ? { Cookie: (await world.session()).cookie } : {});
        const init: RequestInit = { method, headers };
        if (withBody && method !== 'HEAD') {
          init.body = `csrf=${encodeURIComponent((await world.session()).csrfToken)}&a=1`;
          headers.set('Content-Type', 'application/x-www-form-urlencoded');
        }
        await takeWrites(world.ctx.db);
        takeUnhandled(world);
        const before = await countRows(world);
        const answer = await readAnswer(await world.app.request(`http://localhost${fillPath(spec.route, values)}`, init, fromClient('203.0.113.90')));
        const label = `${method} on ${routeKey(spec)} → ${answer.status}`;
        const problems = [
          // A HEAD answer has no body to carry a message; its status still counts.
          ...(method === 'HEAD' ? (answer.status >= 500 ? [`status ${answer.status}`] : []) : answerProblems(answer, 'de')),
          // Whatever the answer, these methods change nothing: checked as a refusal is.
          ...(await writeProblems(world, 400, before)),
          ...takeUnhandled(world),
        ];
        expect(problems, label).toEqual([]);
        if (method !== 'HEAD' && method !== 'OPTIONS') expect(answer.status, label).toBeGreaterThanOrEqual(400);
      }),
      runsFor('other methods', 10),
    );
  });
});
