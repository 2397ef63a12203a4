// Who may use the administration: admins only. Every page and every action, for every other role,
// without a session, and without the CSRF token; nothing is written by a refused request.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers.ts';
import { client } from './helpers.ts';

const PAGES = [
  '/intern/verwaltung',
  '/intern/verwaltung/aemter',
  '/intern/verwaltung/aemter/neu',
  '/intern/verwaltung/aemter/1',
  '/intern/verwaltung/kategorien',
  '/intern/verwaltung/kategorien/1',
  '/intern/verwaltung/vorlagen',
  '/intern/verwaltung/vorlagen/neu',
  '/intern/verwaltung/ortsbezirke',
  '/intern/verwaltung/zustaendigkeit',
  '/intern/verwaltung/zustaendigkeit/pruefen',
  '/intern/verwaltung/konten',
  '/intern/verwaltung/konten/neu',
  '/intern/verwaltung/konten/1',
  '/intern/verwaltung/api-schluessel',
];

const ACTIONS = [
  '/intern/verwaltung/aemter',
  '/intern/verwaltung/aemter/1',
  '/intern/verwaltung/kategorien/1',
  '/intern/verwaltung/vorlagen',
  '/intern/verwaltung/vorlagen/1',
  '/intern/verwaltung/vorlagen/1/aktiv',
  '/intern/verwaltung/ortsbezirke/import',
  '/intern/verwaltung/ortsbezirke/1/aktiv',
  '/intern/verwaltung/zustaendigkeit',
  '/intern/verwaltung/zustaendigkeit/1',
  '/intern/verwaltung/zustaendigkeit/1/entfernen',
  '/intern/verwaltung/konten',
  '/intern/verwaltung/konten/1',
  '/intern/verwaltung/konten/1/passwort',
  '/intern/verwaltung/konten/1/sperren',
  '/intern/verwaltung/konten/1/entsperren',
  '/intern/verwaltung/konten/1/zweiter-faktor',
  '/intern/verwaltung/api-schluessel',
  '/intern/verwaltung/api-schluessel/1/widerrufen',
];

/** Everything an action could change, to prove that refused requests change nothing. */
async function snapshot(ctx: Awaited<ReturnType<typeof createTestApp>>['ctx']) {
  const tables = ['departments', 'categories', 'response_templates', 'districts', 'routing_rules', 'staff', 'staff_departments', 'api_keys'] as const;
  const out: Record<string, unknown> = {};
  for (const t of tables) out[t] = await ctx.db.selectFrom(t).selectAll().execute();
  out['sessions'] = await ctx.db.selectFrom('staff_sessions').select(['id', 'ended_at']).execute();
  return JSON.stringify(out);
}

describe('administration access', () => {
  it('admins get every page; dispatchers, staff and crews get 403; no session gets the login page', async () => {
    const { app, ctx } = await createTestApp();
    const admin = await client(app, ctx, { role: 'admin' });
    const others = [
      await client(app, ctx, { role: 'dispatcher' }),
      await client(app, ctx, { role: 'staff', departments: ['tiefbau'] }),
      await client(app, ctx, { role: 'crew', departments: ['entsorgung'] }),
    ];
    for (const path of PAGES) {
      expect([path, (await admin.request(path)).status]).toEqual([path, 200]);
      for (const other of others) expect([path, other.staff.role, (await other.request(path)).status]).toEqual([path, other.staff.role, 403]);
      const anonymous = await app.request(path);
      expect([path, anonymous.status]).toEqual([path, 303]);
      expect(anonymous.headers.get('Location')).toMatch(/^\/intern\/anmelden/);
    }
  });

  it('refuses every action from other roles (403), without a session (401) and without the CSRF token (403), changing nothing', async () => {
    const { app, ctx } = await createTestApp();
    const admin = await client(app, ctx, { role: 'admin' });
    const dispatcher = await client(app, ctx, { role: 'dispatcher' });
    const staff = await client(app, ctx, { role: 'staff', departments: ['tiefbau'] });
    const crew = await client(app, ctx, { role: 'crew', departments: ['entsorgung'] });
    const before = await snapshot(ctx);
    // Fields that would succeed for an admin, so that a 403 is the access check and nothing else.
    const fields = { name: 'Neues Amt', slug: 'neu', email: '', notifyMode: 'off', active: '1', department: '1' };
    for (const path of ACTIONS) {
      for (const who of [dispatcher, staff, crew]) expect([path, who.staff.role, (await who.post(path, fields)).status]).toEqual([path, who.staff.role, 403]);
      expect([path, 'no csrf', (await admin.post(path, fields, { csrf: false })).status]).toEqual([path, 'no csrf', 403]);
      expect([path, 'wrong csrf', (await admin.post(path, { ...fields, csrf: 'x'.repeat(24) }, { csrf: false })).status]).toEqual([path, 'wrong csrf', 403]);
      const anonymous = await app.request(path, { method: 'POST', body: new URLSearchParams(fields) });
      expect([path, anonymous.status]).toEqual([path, 401]);
    }
    expect(await snapshot(ctx)).toBe(before);
  });

  it('speaks English with ?lang=en and German by default; pages are not cached', async () => {
    const { app, ctx } = await createTestApp();
    const admin = await client(app, ctx, { role: 'admin' });
    const de = await admin.request('/intern/verwaltung');
    expect(de.headers.get('Cache-Control')).toBe('no-store');
    expect(await de.text()).toContain('<h1>Verwaltung</h1>');
    const en = await (await admin.request('/intern/verwaltung?lang=en')).text();
    expect(en).toContain('<h1>Administration</h1>');
    // Links keep the language.
    expect(en).toContain('href="/intern/verwaltung/aemter?lang=en"');
  });

  it('answers 404 for unknown ids', async () => {
    const { app, ctx } = await createTestApp();
    const admin = await client(app, ctx, { role: 'admin' });
    for (const path of ['/intern/verwaltung/aemter/999', '/intern/verwaltung/kategorien/999', '/intern/verwaltung/vorlagen/999', '/intern/verwaltung/konten/999']) {
      expect([path, (await admin.request(path)).status]).toEqual([path, 404]);
    }
    for (const path of ['/intern/verwaltung/zustaendigkeit/999/entfernen', '/intern/verwaltung/api-schluessel/999/widerrufen', '/intern/verwaltung/ortsbezirke/999/aktiv']) {
      expect([path, (await admin.post(path, { active: '1' })).status]).toEqual([path, 404]);
    }
  });
});
