// The language link of a page that answers a form post leads to the page of that form: the address
// the form posted to often has no page of its own, and following the link there was a 404.
import { describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { createReport, createTestApp } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';

const languageLink = (html: string, lang: 'de' | 'en') => new RegExp(`<a href="([^"]*)" hreflang="${lang}"`).exec(html)?.[1];

async function expectPage(request: (path: string) => Promise<Response> | Response, href: string | undefined, path: string) {
  expect(href).toBe(path);
  expect((await request(href!)).status).toBe(200);
}

describe('the language link after a form post', () => {
  it('on the limit page of a report button leads to the report page', async () => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx);
    const press = () => app.request(`/m/${report.id}/ich-auch`, { method: 'POST' });
    for (let i = 0; i < 20; i++) expect((await press()).status).toBe(303);
    const res = await press();
    expect(res.status).toBe(429);
    await expectPage((p) => app.request(p), languageLink(await res.text(), 'en'), `/m/${report.id}?lang=en`);
  });

  it('on a staff report page with a refused form leads to the report page', async () => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx);
    const admin = await asStaff(app as App, ctx, { role: 'admin' });
    const res = await admin.request(`/intern/meldungen/${report.id}/status`, { method: 'POST', body: new URLSearchParams({ csrf: admin.csrfToken, status: 'kaputt' }) });
    expect(res.status).toBe(422);
    await expectPage((p) => admin.request(p), languageLink(await res.text(), 'en'), `/intern/meldungen/${report.id}?lang=en`);
  });

  it('on the redaction page with a refused rectangle stays there: that address has a page', async () => {
    const { app, ctx } = await createTestApp();
    const report = await createReport(ctx);
    const admin = await asStaff(app as App, ctx, { role: 'admin' });
    const path = `/intern/meldungen/${report.id}/fotos/1/schwaerzen`;
    const res = await admin.request(path, { method: 'POST', body: new URLSearchParams({ csrf: admin.csrfToken }) });
    // No such photo: the error page's link goes where the form was, whatever the answer.
    expect(languageLink(await res.text(), 'en')).toBe(`${path}?lang=en`);
  });
});
