// API keys: created with at least 128 random bits, shown exactly once, stored only as sha256 with a
// prefix; verifiable with findApiKey/verifyApiKey until revoked.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findApiKey, generateApiKey, hashApiKey, verifyApiKey } from '../../server/api-keys.ts';
import { createTestApp } from '../helpers.ts';
import { adminApp, client, flashOf, textOf } from './helpers.ts';

const keyIn = (html: string) => /id="api-key"[^>]*value="(sm_[A-Za-z0-9_-]+)"/.exec(html)?.[1];

describe('generateApiKey', () => {
  it('makes 256-bit base64url keys with a short prefix and a sha256 hash', () => {
    const keys = Array.from({ length: 200 }, () => generateApiKey());
    for (const k of keys) {
      expect(k.key).toMatch(/^sm_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(k.key.slice(3), 'base64url')).toHaveLength(32);
      expect(k.keyHash).toBe(createHash('sha256').update(k.key).digest('hex'));
      expect(k.prefix).toBe(k.key.slice(0, 11));
    }
    expect(new Set(keys.map((k) => k.key)).size).toBe(200);
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(200);
  });
});

describe('API keys in the administration', () => {
  it('shows a new key exactly once, stores only its hash, and lists it by prefix', async () => {
    const { admin, ctx } = await adminApp();
    const res = await admin.post('/intern/verwaltung/api-schluessel', { name: 'MVG Bürger-App' });
    expect(res.status).toBe(201);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const html = await res.text();
    const key = keyIn(html)!;
    expect(key).toMatch(/^sm_[A-Za-z0-9_-]{43}$/);
    expect(html).toContain('Er wird nur dieses eine Mal angezeigt');

    const row = await ctx.db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'MVG Bürger-App', key_hash: hashApiKey(key), prefix: key.slice(0, 11), created_by: admin.staff.id, last_used_at: null, revoked_at: null });
    expect(JSON.stringify(row)).not.toContain(key);

    // The list names it by prefix only; the key itself is nowhere to be seen again.
    const list = await admin.request('/intern/verwaltung/api-schluessel');
    const listHtml = await list.text();
    expect(listHtml).not.toContain(key);
    expect(listHtml).toContain(`${key.slice(0, 11)}…`);
    expect(await textOf(new Response(listHtml))).toContain('MVG Bürger-App');
  });

  it('verifies a key until it is revoked, and notes when it was used', async () => {
    const { admin, ctx } = await adminApp();
    const key = keyIn(await (await admin.post('/intern/verwaltung/api-schluessel', { name: 'Open-Data-Portal' })).text())!;
    expect((await findApiKey(ctx.db, key))?.name).toBe('Open-Data-Portal');
    const used = await verifyApiKey(ctx.db, key, ctx.clock.now());
    expect(used?.name).toBe('Open-Data-Portal');
    expect((await ctx.db.selectFrom('api_keys').select('last_used_at').executeTakeFirstOrThrow()).last_used_at).toBe(ctx.clock.now().toISOString());
    expect(await textOf(await admin.request('/intern/verwaltung/api-schluessel'))).not.toContain(' nie ');

    // Wrong, altered, truncated or foreign keys are not keys.
    for (const wrong of [key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'), key.slice(0, 20), '', `${key} `, 'sm_' + 'A'.repeat(43), key.toUpperCase()]) {
      expect(await verifyApiKey(ctx.db, wrong, ctx.clock.now())).toBeNull();
    }

    const row = await ctx.db.selectFrom('api_keys').select('id').executeTakeFirstOrThrow();
    const res = await admin.post(`/intern/verwaltung/api-schluessel/${row.id}/widerrufen`);
    expect(res.status).toBe(303);
    expect(flashOf(res)).toBe('revoked');
    expect(await verifyApiKey(ctx.db, key, ctx.clock.now())).toBeNull();
    // findApiKey still knows it (to say "revoked" rather than "unknown").
    expect((await findApiKey(ctx.db, key))?.revoked_at).toBe(ctx.clock.now().toISOString());
    const listHtml = await (await admin.request('/intern/verwaltung/api-schluessel')).text();
    expect(await textOf(new Response(listHtml))).toContain('0 gültige Schlüssel');
    // A revoked key has no revoke button any more.
    expect(listHtml).not.toContain(`/intern/verwaltung/api-schluessel/${row.id}/widerrufen`);
  });

  it('never writes the key into the log, only its prefix', async () => {
    const logLines: string[] = [];
    const { app, ctx } = await createTestApp({ logLines });
    const admin = await client(app, ctx, { role: 'admin' });
    const key = keyIn(await (await admin.post('/intern/verwaltung/api-schluessel', { name: 'Log-Test' })).text())!;
    const log = logLines.join('\n');
    expect(log).toContain('api key created');
    expect(log).toContain(key.slice(0, 11));
    expect(log).not.toContain(key.slice(11));
  });

  it('refuses a key without a name (422) and creates nothing', async () => {
    const { admin, ctx } = await adminApp();
    const res = await admin.post('/intern/verwaltung/api-schluessel', { name: '  ' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="name-error"');
    expect(keyIn(html)).toBeUndefined();
    expect((await admin.post('/intern/verwaltung/api-schluessel', { name: 'x'.repeat(101) })).status).toBe(422);
    expect(await ctx.db.selectFrom('api_keys').selectAll().execute()).toEqual([]);
  });
});
