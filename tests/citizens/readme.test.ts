// Citizens issue (11), point 11, as a newcomer reads the README: it says that the report form's e-mail
// field exists only with SMTP_URL (and the form does so), and /healthz answers exactly what the README
// shows for it, no more fields and no others, for the healthy and the unreachable database alike.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createMailer } from '../../server/mailer.ts';
import { createTestApp, createTestContext } from '../helpers.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** The README's paragraphs, soft line breaks joined, so that a sentence is found wherever it wraps. */
const paragraphs = README.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' '));

describe('README: the e-mail field needs SMTP_URL', () => {
  it('the "Run it" section and the configuration table say so', () => {
    const said = paragraphs.filter((p) => /e-mail field of the report form/i.test(p));
    expect(said, 'a paragraph about the e-mail field').toHaveLength(1);
    expect(said[0]).toMatch(/e-mail field of the report form[^.]*appear only once `SMTP_URL` is set/i);
    const row = README.split('\n').find((l) => l.startsWith('| `SMTP_URL` |'));
    expect(row).toMatch(/no e-mail field on the report form/);
  });

  it('and the form does so: no e-mail field without SMTP_URL, one with it', async () => {
    const { app } = await createTestApp();
    const without = await (await app.request('/melden/strassenschaden')).text();
    expect(without).not.toContain('name="email"');
    const ctx = await createTestContext({ mailer: createMailer('smtp://127.0.0.1:9', 'Stadtmelder <noreply@example.org>') });
    const withMail = await (await createApp(ctx).request('/melden/strassenschaden')).text();
    expect(withMail).toContain('name="email"');
  });
});

describe('README: /healthz answers what the README shows', () => {
  // "`GET /healthz` … answers `{"status":"ok","database":"ok"}` (200), or `{…}` (503)."
  const paragraph = paragraphs.find((p) => p.includes('`GET /healthz`'));
  const shown = [...(paragraph ?? '').matchAll(/`(\{[^`]*\})` \((\d{3})\)/g)].map((m) => ({ body: JSON.parse(m[1]!) as Record<string, unknown>, status: Number(m[2]) }));

  it('the README shows a healthy and an unhealthy answer', () => {
    expect(paragraph, 'a paragraph naming `GET /healthz`').toBeDefined();
    expect(shown.map((s) => s.status)).toEqual([200, 503]);
  });

  it('healthy: exactly the fields and values shown', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/healthz');
    expect(res.status).toBe(shown[0]!.status);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(Object.keys(shown[0]!.body).sort());
    expect(body).toEqual(shown[0]!.body);
  });

  it('database unreachable: exactly the fields and values shown', async () => {
    const { app, ctx } = await createTestApp();
    await ctx.db.destroy();
    const res = await app.request('/healthz');
    expect(res.status).toBe(shown[1]!.status);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(Object.keys(shown[1]!.body).sort());
    expect(body).toEqual(shown[1]!.body);
  });
});
