// The fuzz catalogue covers the app: every route the app registers is fuzzed, and the catalogue names
// no route that does not exist (a renamed route would otherwise silently drop out of the fuzzing).
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers.ts';
import { CATALOGUE, fillPath, paramNames, routeKey } from './catalogue.ts';

/** Handlers the app registered, by method and path; middleware (method ALL) is not a route. */
async function registeredRoutes(): Promise<Set<string>> {
  const { app, ctx } = await createTestApp({ seed: false });
  await ctx.db.destroy();
  return new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => routeKey({ method: r.method, route: r.path })));
}

describe('the fuzz catalogue', () => {
  it('has an entry for every route the app registers, and none for a route it does not', async () => {
    const registered = await registeredRoutes();
    const catalogued = new Set(CATALOGUE.map(routeKey));
    expect([...registered].filter((r) => !catalogued.has(r)), 'routes without fuzzing').toEqual([]);
    expect([...catalogued].filter((r) => !registered.has(r)), 'catalogue entries without a route').toEqual([]);
  });

  it('names each route once, with plausible values for exactly the parameters the route has', () => {
    const keys = CATALOGUE.map(routeKey);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    for (const spec of CATALOGUE) {
      expect(Object.keys(spec.params ?? {}).sort(), routeKey(spec)).toEqual(paramNames(spec.route).sort());
      if (spec.method === 'GET') expect(spec.fields, routeKey(spec)).toBeUndefined();
    }
  });

  it('fills parameters, also those with a pattern of their own', () => {
    expect(paramNames('/intern/meldungen/:id{[0-9]{1,12}}/fotos/:photoId{[0-9]{1,12}}/schwaerzen')).toEqual(['id', 'photoId']);
    expect(fillPath('/intern/meldungen/:id{[0-9]{1,12}}/fotos/:photoId{[0-9]{1,12}}/schwaerzen', { id: '7', photoId: '9' })).toBe('/intern/meldungen/7/fotos/9/schwaerzen');
    expect(fillPath('/qr/:file{[^/]+\\.(?:svg|png)}', { file: 'K7M4QX2.svg' })).toBe('/qr/K7M4QX2.svg');
  });
});
