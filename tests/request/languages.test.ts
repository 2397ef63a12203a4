// Five languages for citizens, two for the back office: which one a request gets from ?lang and
// Accept-Language, that it says so (Content-Language, <html lang dir>), that a chosen language is kept
// in links, that dates and numbers follow it, that category texts are translated, and that /intern
// never shows a citizen-only language.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers.ts';
import { addStaff, sessionFor } from '../staff-helpers.ts';
import { demoBin, pressBin } from './scan-helpers.ts';

describe('Accept-Language picks the citizen languages', () => {
  it.each([
    ['tr-TR,tr;q=0.9,de;q=0.5', 'tr', undefined, 'Neleri bildirebilirsiniz'],
    ['ar-EG,ar;q=0.9,en;q=0.5', 'ar', 'rtl', 'ما الذي يمكنكم الإبلاغ عنه'],
    ['uk-UA,uk;q=0.9,ru;q=0.8', 'uk', undefined, 'Про що можна повідомити'],
  ])('%s -> %s', async (header, lang, dir, heading) => {
    const { app } = await createTestApp();
    const res = await app.request('/', { headers: { 'Accept-Language': header } });
    expect(res.headers.get('content-language')).toBe(lang);
    const html = await res.text();
    expect(html).toContain(dir ? `<html lang="${lang}" dir="${dir}">` : `<html lang="${lang}">`);
    expect(html).toContain(`<h2 id="categories">${heading}</h2>`);
    // Internal links stay as they are: the browser sends the same header on the next page.
    expect(html).toContain('<a href="/karte">');
  });

  it('keeps a language chosen by ?lang in internal links, and every page offers the other four', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/?lang=uk', { headers: { 'Accept-Language': 'de-DE' } })).text();
    expect(html).toContain('<html lang="uk">');
    expect(html).toContain('<a href="/karte?lang=uk">Карта</a>');
    expect(html).toContain('<a href="/?lang=ar" hreflang="ar" lang="ar" dir="rtl">العربية</a>');
    expect(html).toContain('<span lang="uk" aria-current="true">Українська</span>');
    expect(html).toContain('Пошкодження дороги / вибоїна');
  });
});

describe('translated data and formats', () => {
  it('writes dates in the reader’s locale, Arabic with Western digits', async () => {
    const { app } = await createTestApp();
    // The demo reports' days on the public list.
    const page = async (lang: string) => (await app.request(`/karte/liste?lang=${lang}`)).text();
    const [tr, ar, uk] = await Promise.all([page('tr'), page('ar'), page('uk')]);
    expect(tr).toContain('Kasım 2026');
    expect(uk).toContain('листопада 2026');
    expect(ar).toContain('نوفمبر 2026');
    expect(ar).not.toMatch(/[٠-٩]/);
  });

  // Its size in every language: tests/request/scan.test.ts.
  it('shows the scan page in each language', async () => {
    const { app, ctx } = await createTestApp();
    const bin = await demoBin(ctx.db);
    await pressBin(app, bin.code, 'full');
    const expected = { tr: 'Dolu ya da taşıyor: saat', ar: 'ممتلئة أو فائضة: أُبلغ عنه من قبل الساعة', uk: 'Повна або переповнена: вже повідомлено о' };
    for (const [lang, line] of Object.entries(expected)) {
      const plain = await (await app.request(`/B/${bin.code}?lang=${lang}`)).text();
      expect(plain, lang).toContain(line);
    }
  });
});

describe('legal pages without a translation', () => {
  it('show the English text, marked as English, with a note in the reader’s language', async () => {
    const { app } = await createTestApp();
    const tr = await (await app.request('/datenschutz?lang=tr')).text();
    expect(tr).toContain('<p class="notice">Bu sayfa henüz sizin dilinizde yok. Burada İngilizcesini görüyorsunuz.</p>');
    expect(tr).toContain('<div class="legal" lang="en">');
    expect(tr).toContain('<title>Veri koruma – Stadtmelder Mainz</title>');
    const ar = await (await app.request('/impressum', { headers: { 'Accept-Language': 'ar' } })).text();
    expect(ar).toContain('<div class="legal" lang="en" dir="ltr">');
    expect(ar).toContain('تُعرض هنا باللغة الإنجليزية');
  });
});

describe('the back office stays German and English', () => {
  it('answers /intern in German for Turkish, Arabic or Ukrainian browsers and offers only de and en', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await addStaff(ctx, { role: 'admin', departments: [], login: 'sprachen', name: 'Sprachen' });
    const { cookie } = await sessionFor(ctx, staff.id);
    for (const header of ['tr-TR', 'ar-EG', 'uk-UA']) {
      const res = await app.request('/intern', { headers: { 'Accept-Language': header, Cookie: cookie } });
      expect(res.headers.get('content-language')).toBe('de');
      const html = await res.text();
      expect(html).toContain('<html lang="de">');
      expect(html).not.toContain('hreflang="tr"');
      expect(html).toContain('hreflang="en"');
    }
    const chosen = await (await app.request('/intern?lang=ar', { headers: { 'Accept-Language': 'en', Cookie: cookie } })).text();
    expect(chosen).toContain('<html lang="en">');
    // ?lang=ar was not a choice here, so links do not carry it (nor a language it did not choose).
    expect(chosen).not.toContain('lang=ar');
    expect(chosen).toContain('href="/intern/meldungen"');
  });
});
