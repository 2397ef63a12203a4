// GET /adressen?q=: suggestions as one types, from the demo addresses of the seed. Streets until a
// number is typed, then houses in number order; German spellings; cached and limited per client. The
// query plans come from the SQL the requests really send (the database's query hook): every suggestion
// query reads one range of addresses_search and sorts nothing (100,000 addresses: bench/addresses.ts).
import type { CompiledQuery } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { createTestApp } from '../helpers.ts';
import { fromClient } from '../request/scan-helpers.ts';

let captured: CompiledQuery[] | null = null;
let app: App;
let ctx: Awaited<ReturnType<typeof createTestApp>>['ctx'];

beforeAll(async () => {
  ({ app, ctx } = await createTestApp({ onQuery: (q) => captured?.push(q) }));
});

type Suggestion = { label: string; value: string; kind: string };
const suggest = async (q: string, client = '198.51.100.1') => {
  const res = await app.request(`/adressen?q=${encodeURIComponent(q)}`, {}, fromClient(client));
  return { res, body: (await res.json()) as { suggestions: Suggestion[] } };
};

describe('GET /adressen', () => {
  it('suggests streets for the first letters, German-aware', async () => {
    for (const q of ['breite s', 'Breite Stra', 'BREITE STRASSE', 'breite-str']) {
      const { body } = await suggest(q);
      expect(body.suggestions, q).toContainEqual({ label: 'Breite Straße, 55124 Mainz', value: 'Breite Straße ', kind: 'street' });
    }
    expect((await suggest('grosse ble')).body.suggestions.map((s) => s.label)).toEqual(['Große Bleiche, 55116 Mainz']);
    expect((await suggest('Göttelm')).body.suggestions.map((s) => s.label)).toEqual((await suggest('goettelm')).body.suggestions.map((s) => s.label));
  });

  it('suggests houses in number order once a number is typed, additions included', async () => {
    const { body } = await suggest('Breite Str. 2');
    const labels = body.suggestions.map((s) => s.label);
    expect(labels[0]).toBe('Breite Straße 2, 55124 Mainz');
    expect(labels.every((l) => /^Breite Straße 2\d*a?, 55124 Mainz$/.test(l))).toBe(true);
    expect(body.suggestions.every((s) => s.kind === 'house' && s.value === s.label)).toBe(true);
    const numbers = labels.map((l) => Number(/ (\d+)/.exec(l)![1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('answers nothing for too little, too much or nothing known, and is cacheable', async () => {
    for (const q of ['', 'b', 'x'.repeat(500), 'Gibtsnichtweg']) expect((await suggest(q)).body.suggestions, q).toEqual([]);
    const { res } = await suggest('breite');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');
    expect(res.headers.get('Set-Cookie')).toBeNull();
  });

  it('a client typing like a script is limited, others are not', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 301; i++) last = (await suggest(`breite ${i % 10}`, '198.51.100.99')).res;
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await suggest('breite', '198.51.100.100')).res.status).toBe(200);
  });

  it('every suggestion query searches one range of addresses_search, without sorting', async () => {
    // Queries no test above sent, so the cache has none of them.
    for (const q of ['kaiser-w', 'Kaiser-Wilhelm-Ring 1', '55124 breite 1', 'kirchstr 3']) {
      captured = [];
      const cacheMiss = await app.request(`/adressen?q=${encodeURIComponent(q)}`, {}, fromClient('192.0.2.50'));
      expect(cacheMiss.status).toBe(200);
      const queries = captured.filter((c) => /from "addresses"/.test(c.sql));
      captured = null;
      expect(queries.length, q).toBeGreaterThan(0);
      for (const query of queries) {
        const plan = (await ctx.db.executeQuery<{ detail: string }>({ ...query, sql: `explain query plan ${query.sql}` })).rows.map((r) => r.detail).join(' | ');
        expect(plan, `${q}: ${query.sql}`).toMatch(/^SEARCH addresses USING (COVERING )?INDEX addresses_search \(street_key>\? AND street_key<\?\)/);
        // With a typed postcode the houses that match street, number and postcode are put in number
        // order (a handful); without one, the index gives the order and LIMIT stops the read early.
        if (!/\d{5}/.test(q)) expect(plan, `${q}: ${query.sql}`).not.toContain('TEMP B-TREE');
        else expect(plan.replace(/ \| USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY$/, ''), `${q}: ${query.sql}`).not.toContain('TEMP B-TREE');
      }
    }
  });

  it('the exact look-up of a typed address on the report form searches by street and number', async () => {
    const { postReportForm } = await import('../report/helpers.ts');
    captured = [];
    await postReportForm(app, ctx, 'graffiti', { fields: { strasse: 'Kirchstraße 3' } });
    const queries = captured.filter((c) => /from "addresses"/.test(c.sql));
    captured = null;
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) {
      const plan = (await ctx.db.executeQuery<{ detail: string }>({ ...query, sql: `explain query plan ${query.sql}` })).rows.map((r) => r.detail).join(' | ');
      expect(plan, query.sql).toMatch(/SEARCH addresses USING (COVERING )?INDEX addresses_search \(street_key=\?|SEARCH addresses USING INTEGER PRIMARY KEY|SCAN addresses LIMIT|SEARCH addresses USING (COVERING )?INDEX addresses_search \(street_key>\? AND street_key<\?\)/);
      expect(plan, query.sql).not.toMatch(/^SCAN addresses$|TEMP B-TREE/);
    }
  });
});
