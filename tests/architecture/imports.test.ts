// Layers point one way (issue 12): domain/ <- db/ <- the app's modules <- routes and views. The rules are
// in imports.ts; what main still does against them is listed in known-violations.ts, to be moved.
import { describe, expect, it } from 'vitest';
import { areaOf, importEdges, violation, type Edge } from './imports.ts';
import { KNOWN_VIOLATIONS } from './known-violations.ts';

const key = (e: Edge) => `${e.from} -> ${e.to}`;

describe('the import graph', () => {
  const edges = importEdges();

  it('is read from the real files: the site map imports every route module', () => {
    expect(edges.length).toBeGreaterThan(500);
    const mounted = edges.filter((e) => e.from === 'server/app.ts' && areaOf(e.to) === 'routes');
    expect(mounted.length).toBeGreaterThanOrEqual(20);
    expect(edges).toContainEqual({ from: 'server/app.ts', to: 'server/routes/scan.tsx', names: ['scanRoutes'] });
  });

  it('has no import against the layers beyond those known', () => {
    const known = new Set(KNOWN_VIOLATIONS);
    const added = edges.filter((e) => violation(e) && !known.has(key(e))).map((e) => `${violation(e)}: ${key(e)} {${e.names.join(', ')}}`);
    expect(added).toEqual([]);
  });

  it('lists no known import that is gone or allowed now: the list only shrinks', () => {
    const violating = new Set(edges.filter((e) => violation(e)).map(key));
    expect(KNOWN_VIOLATIONS.filter((k) => !violating.has(k))).toEqual([]);
  });
});

describe('the rules themselves', () => {
  const edge = (from: string, to: string, names = ['x']): Edge => ({ from, to, names });

  it('refuse each forbidden direction', () => {
    expect(violation(edge('domain/states.ts', 'db/reports.ts'))).toBe('domain code imports the app');
    expect(violation(edge('domain/states.ts', 'server/i18n/index.ts'))).toBe('domain code imports the app');
    expect(violation(edge('db/reports.ts', 'server/routes/map.tsx'))).toBe('db imports server');
    expect(violation(edge('db/reports.ts', 'server/filing.ts'))).toBe('db imports server');
    expect(violation(edge('db/bins.ts', 'qr/codes.ts'))).toBe('db and qr import each other');
    expect(violation(edge('qr/cli.ts', 'db/bins.ts'))).toBeNull(); // a command may use both
    expect(violation(edge('qr/layout.ts', 'db/bins.ts'))).toBe('db and qr import each other');
    expect(violation(edge('server/views/x.tsx', 'server/routes/map.tsx'))).toBe('a view imports a route');
    expect(violation(edge('server/routes/staff-queue.tsx', 'server/routes/map.tsx', ['parseBbox']))).toBe('a route takes logic from another route');
  });

  it('allow the ways the layers point', () => {
    expect(violation(edge('server/routes/staff-admin.tsx', 'server/routes/admin/accounts.tsx', ['accountRoutes']))).toBeNull();
    expect(violation(edge('server/app.ts', 'server/routes/scan.tsx', ['scanRoutes']))).toBeNull();
    expect(violation(edge('server/routes/scan.tsx', 'db/bins.ts'))).toBeNull();
    expect(violation(edge('server/views/scan.tsx', 'domain/bin-reasons.ts'))).toBeNull();
    expect(violation(edge('db/reports.ts', 'domain/states.ts'))).toBeNull();
    expect(violation(edge('db/bins.ts', 'db/connection.ts'))).toBeNull();
  });
});
