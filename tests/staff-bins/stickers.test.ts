// Sticker sheets for a selection in the bin list: the PDF is made by the sticker generator and read
// back as a phone would (pdftoppm + zbarimg); a refused selection re-renders the list with 422.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFormat } from '../../qr/formats.ts';
import { binQrUrl } from '../../qr/symbol.ts';
import { decodeLabels, pageCount } from '../qr/decode.ts';
import { createTestApp } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';
import { plainBins } from '../staff-crew/fixtures.ts';

describe('GET /intern/papierkoerbe/aufkleber.pdf', () => {
  it('makes a PDF of the ticked bins whose QR codes decode to their bin URLs', async () => {
    const { app, ctx } = await createTestApp();
    const bins = await plainBins(ctx.db, 'Mombach', 3);
    const staff = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'] });
    const res = await staff.request(`/intern/papierkoerbe/aufkleber.pdf?format=3659&${bins.map((b) => `bin=${b.id}`).join('&')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/pdf');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="aufkleber-3659-auswahl.pdf"');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const path = join(mkdtempSync(join(tmpdir(), 'stadtmelder-bins-')), 'sheet.pdf');
    writeFileSync(path, Buffer.from(await res.arrayBuffer()));
    expect(pageCount(path)).toBe(1);
    const slots = decodeLabels(path, 1, findFormat('3659')!);
    // In the order of the ids, one sticker each, the rest of the sheet empty.
    const expected = [...bins].sort((a, b) => a.id - b.id).map((b) => [binQrUrl(ctx.config.publicBaseUrl, b.code)]);
    expect(slots.slice(0, 3)).toEqual(expected);
    expect(slots.slice(3).every((s) => s.length === 0)).toBe(true);
  });

  it('refuses no selection, an unknown format and a retired bin with 422 at the print form, the selection kept', async () => {
    const { app, ctx } = await createTestApp();
    const [a, b] = await plainBins(ctx.db, 'Mombach', 2);
    const admin = await asStaff(app, ctx, { role: 'admin' });
    const none = await admin.request('/intern/papierkoerbe/aufkleber.pdf?format=3659');
    expect(none.status).toBe(422);
    const noneHtml = await none.text();
    expect(noneHtml).toContain('<p class="field-error" id="print-error" role="alert">Bitte kreuzen Sie mindestens einen Papierkorb');
    expect(noneHtml).toContain('aria-describedby="print-error"');
    const format = await admin.request(`/intern/papierkoerbe/aufkleber.pdf?format=XYZ&bin=${a!.id}&q=Mombach`);
    expect(format.status).toBe(422);
    const formatHtml = await format.text();
    expect(formatHtml).toContain('Bitte wählen Sie ein Bogenformat');
    expect(formatHtml).toContain(`value="${a!.id}" checked=""`);
    expect(formatHtml).toContain('value="Mombach"');
    await admin.request(`/intern/papierkoerbe/${b!.id}/ausmustern`, { method: 'POST', body: (() => { const f = new FormData(); f.set('csrf', admin.csrfToken); f.set('bestaetigt', '1'); return f; })() });
    const retired = await admin.request(`/intern/papierkoerbe/aufkleber.pdf?format=3659&bin=${a!.id}&bin=${b!.id}`);
    expect(retired.status).toBe(422);
    expect(await retired.text()).toContain('Die Auswahl enthält Papierkörbe, die es nicht (mehr) gibt.');
    expect((await admin.request('/intern/papierkoerbe/aufkleber.pdf?format=3659&bin=x')).status).toBe(422);
  });
});
