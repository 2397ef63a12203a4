// Citizen form posts from a foreign page (hardening issue, defect 8): a third-party page must not make
// its visitors press bins, support reports or file them. Browsers say where a post comes from
// (Sec-Fetch-Site, Origin); posts with neither header still work.
import { describe, expect, it } from 'vitest';
import { isCrossSiteRequest } from '../../server/same-origin.ts';
import { createReport, createTestApp } from '../helpers.ts';
import { postReportForm, ALTSTADT } from '../report/helpers.ts';
import { binTasks, countWrites, demoBin, fromClient } from './scan-helpers.ts';

const OWN = 'http://localhost:3000';

describe('isCrossSiteRequest', () => {
  it.each([
    [{ fetchSite: 'cross-site' }, true],
    [{ fetchSite: 'same-site' }, true],
    [{ fetchSite: 'same-origin' }, false],
    [{ fetchSite: 'none' }, false],
    [{ fetchSite: 'same-origin', origin: 'http://evil.example' }, false],
    [{ origin: 'http://evil.example' }, true],
    [{ origin: 'null' }, true],
    [{ origin: OWN }, false],
    [{ origin: 'http://localhost:3001' }, true],
    [{}, false],
  ])('%o → %s', (headers, expected) => {
    expect(isCrossSiteRequest(headers, [OWN])).toBe(expected);
  });
});

describe('citizen POSTs from another site', () => {
  const foreign: Array<{ name: string; headers: Record<string, string> }> = [
    { name: 'Origin', headers: { Origin: 'http://evil.example' } },
    { name: 'Sec-Fetch-Site', headers: { 'Sec-Fetch-Site': 'cross-site' } },
    { name: 'both', headers: { Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' } },
  ];

  it.each(foreign)('are refused with a friendly page and record nothing ($name)', async ({ headers }) => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const report = await createReport(ctx);
    await ctx.db.updateTable('reports').set({ state: 'done', closed_at: ctx.clock.now().toISOString() }).where('id', '=', report.id).execute();
    const open = await createReport(ctx, { district: 'Neustadt' });
    const before = await countWrites(ctx.db);
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', ...headers };
    const posts: Array<[string, string]> = [
      [`/B/${bin.code}`, 'reason=full'],
      [`/m/${open.id}/ich-auch`, ''],
      [`/m/${report.id}/nicht-behoben`, ''],
      ['/melden/strassenschaden', `lat=${ALTSTADT.lat}&lon=${ALTSTADT.lon}&beschreibung=x`],
    ];
    for (const [path, body] of posts) {
      const res = await app.request(path, { method: 'POST', headers: form, body }, fromClient('203.0.113.9'));
      expect(res.status, path).toBe(403);
      const html = await res.text();
      expect(html, path).toContain('Bitte direkt beim Stadtmelder melden');
      expect(html, path).toContain('von einer anderen Website');
      // The way to do it properly: a link to our own page with the form.
      expect(html, path).toContain(`href="${path.replace(/\/(ich-auch|nicht-behoben)$/, '')}"`);
    }
    expect(await countWrites(ctx.db)).toEqual(before);
    const after = await ctx.db.selectFrom('reports').select(['support_count', 'reopen_requested_at']).where('id', 'in', [open.id, report.id]).orderBy('id').execute();
    expect(after.map((r) => r.reopen_requested_at)).toEqual([null, null]);
    expect(await binTasks(ctx.db, bin.id)).toEqual([]);
  });

  it('are refused in English for an English reader', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const res = await app.request(`/B/${bin.code}?lang=en`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://evil.example' }, body: 'reason=full' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('This came from another website');
  });

  it('still work from our own pages and from browsers that send neither header', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    const reasons = ['full', 'dirty', 'damaged'];
    const variants: Record<string, string>[] = [{ 'Sec-Fetch-Site': 'same-origin', Origin: OWN }, { Origin: OWN }, {}];
    for (const [i, headers] of variants.entries()) {
      const res = await app.request(`/B/${bin.code}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: `reason=${reasons[i]}` }, fromClient(`203.0.113.${i + 20}`));
      expect(res.status, JSON.stringify(headers)).toBe(303);
    }
    expect(await binTasks(ctx.db, bin.id)).toHaveLength(3);
    const filed = await postReportForm(app, ctx, 'strassenschaden', { fields: { ...ALTSTADT, beschreibung: 'Schlagloch', trotzdem: '1' } });
    expect(filed.status).toBe(303);
  });

  it('are refused on the staff side too, where the session cookie would go along', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/intern/anmelden', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://evil.example' }, body: 'login=a&password=b' });
    expect(res.status).toBe(403);
  });
});
