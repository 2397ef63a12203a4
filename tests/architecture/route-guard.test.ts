// The /intern guard covers every staff route (issue 12): read from the routes Hono registered, not
// from a hand-kept list, so that a route added later is checked too. Without a session every page
// leads to the login and every other request is refused; with one, every POST without the CSRF token
// is refused; and none of these refused requests writes anything.
import { describe, expect, it } from 'vitest';
import { LOGIN_PATH } from '../../server/routes/staff.tsx';
import { createReport, createTestApp } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Every method and path under /intern that a handler answers (middleware entries left out). */
function staffRoutes(app: TestApp['app']): Array<{ method: string; path: string }> {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || !(r.path === '/intern' || r.path.startsWith('/intern/'))) continue;
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()];
}

/** Parameters filled with ids that exist, so that a route the guard missed would really act. */
const fill = (path: string) => path.replace(/:(\w+)(\{(?:[^{}]|\{[^{}]*\})*\})?/g, (_, name: string) => (/code/i.test(name) ? 'A2B3C4D' : '1'));

async function writes(ctx: TestApp['ctx']): Promise<string> {
  const tables = ['reports', 'report_events', 'staff', 'staff_sessions', 'categories', 'departments', 'routing_rules', 'response_templates', 'bins', 'api_keys'] as const;
  const counts: Record<string, unknown> = {};
  for (const t of tables) counts[t] = await ctx.db.selectFrom(t).selectAll().execute();
  return JSON.stringify(counts);
}

describe('the /intern guard, over every registered staff route', () => {
  it('finds the staff routes: pages and actions of every area', async () => {
    const { app } = await createTestApp();
    const routes = staffRoutes(app);
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((r) => r.method === 'POST').length).toBeGreaterThan(40);
    // The filled paths are the routes' own (a pattern left in a path would only meet the guard's 404).
    expect(fill('/intern/meldungen/:id{[0-9]{1,12}}/status')).toBe('/intern/meldungen/1/status');
    for (const r of routes) expect(fill(r.path)).toMatch(/^\/intern[\w\-./äöüß]*$/);
    for (const area of ['/intern/meldungen', '/intern/verwaltung', '/intern/papierkoerbe', '/intern/kolonne', '/intern/kennzahlen', '/intern/konto']) {
      expect(routes.some((r) => r.path.startsWith(area)), area).toBe(true);
    }
  });

  it('without a session: pages lead to the login, everything else is refused, nothing is written', async () => {
    const { app, ctx } = await createTestApp();
    await createReport(ctx);
    const before = await writes(ctx);
    const passed: string[] = [];
    for (const { method, path } of staffRoutes(app)) {
      if (path === LOGIN_PATH) continue;
      const url = fill(path);
      const res = await app.request(url, { method, redirect: 'manual', headers: { Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded' }, body: method === 'GET' ? undefined : 'x=1' });
      const toLogin = res.status === 303 && (res.headers.get('location') ?? '').startsWith(LOGIN_PATH);
      if (!toLogin && res.status !== 401) passed.push(`${method} ${url}: ${res.status}`);
    }
    expect(passed).toEqual([]);
    expect(await writes(ctx)).toBe(before);
  });

  it('with a session: every POST without the CSRF token is refused with 403, nothing is written', async () => {
    const { app, ctx } = await createTestApp();
    await createReport(ctx);
    const admin = await asStaff(app, ctx, { role: 'admin' });
    const before = await writes(ctx);
    const passed: string[] = [];
    for (const { method, path } of staffRoutes(app)) {
      if (method === 'GET' || path === LOGIN_PATH) continue;
      const url = fill(path);
      const res = await admin.request(url, { method, redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'x=1' });
      if (res.status !== 403) passed.push(`${method} ${url}: ${res.status}`);
    }
    expect(passed).toEqual([]);
    expect(await writes(ctx)).toBe(before);
  });
});
