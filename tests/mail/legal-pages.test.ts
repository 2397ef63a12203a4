// The legal pages through the app: the city's files rendered in the layout, in both languages, with the
// retention periods from the configuration; and the loader that notices an edited file.
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLegalText } from '../../server/views/legal-texts.ts';
import { createTestApp } from '../helpers.ts';

const PAGES = [
  ['/datenschutz', 'Datenschutz', 'Privacy'],
  ['/barrierefreiheit', 'Erklärung zur Barrierefreiheit', 'Accessibility statement'],
  ['/impressum', 'Impressum', 'Imprint'],
  ['/leichte-sprache', 'Leichte Sprache', 'Easy read'],
] as const;

describe('legal pages', () => {
  it.each(PAGES)('%s renders its file in German and English', async (path, de, en) => {
    const { app } = await createTestApp({ seed: false });
    const german = await app.request(path);
    expect(german.status).toBe(200);
    expect(german.headers.get('set-cookie')).toBeNull();
    const html = await german.text();
    expect(html).toContain(`<title>${de} – Stadtmelder Mainz</title>`);
    expect(html).toContain(`<h1>${de}</h1>`);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    const english = await (await app.request(`${path}?lang=en`)).text();
    expect(english).toContain(`<h1>${en}</h1>`);
    expect(english).toContain('<div class="legal">'); // a real translation, no German stand-in
  });

  it('names the configured retention periods and what the brief promises', async () => {
    const { app } = await createTestApp({ seed: false, config: { retentionEmailDays: 14, retentionPhotoMonths: 3 } });
    const html = await (await app.request('/datenschutz')).text();
    expect(html).toContain('<strong>14 Tage nach dem Abschluss</strong>');
    expect(html).toContain('<strong>3 Monate nach dem Abschluss</strong>');
    for (const promise of ['keine Cookies', 'speichert keine IP-Adressen', 'Aufnahmeort (GPS)', 'erst öffentlich, wenn Mitarbeitende der Stadt']) expect(html).toContain(promise);
    expect(html).not.toContain('{{');
    const easy = await (await app.request('/leichte-sprache')).text();
    expect(easy).toContain('nach 14 Tagen');
  });

  it('the accessibility statement names WCAG 2.1 AA, BITV 2.0, a contact and § 16 BGG', async () => {
    const { app } = await createTestApp({ seed: false });
    const html = await (await app.request('/barrierefreiheit')).text();
    for (const text of ['WCAG 2.1 auf Stufe AA', 'BITV 2.0', 'href="mailto:barrierefreiheit@stadt.example"', '§ 16 des Behindertengleichstellungsgesetzes', 'href="/leichte-sprache"']) {
      expect(html).toContain(text);
    }
  });

  it('keeps ?lang=en in links to our own pages and links Leichte Sprache from every footer', async () => {
    const { app } = await createTestApp({ seed: false });
    const html = await (await app.request('/leichte-sprache?lang=en')).text();
    expect(html).toContain('<a href="/datenschutz?lang=en">privacy</a>');
    expect(html).toContain('<a href="/leichte-sprache?lang=en">Easy read</a>');
    expect(await (await app.request('/impressum')).text()).toContain('<a href="/leichte-sprache">Leichte Sprache</a>');
  });
});

describe('loadLegalText', () => {
  const figures = { emailDays: 30, photoMonths: 6 };

  it('shows an edited file on the next request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stadtmelder-legal-'));
    const file = join(dir, 'impressum.de.md');
    writeFileSync(file, '# Impressum\n\nalt');
    expect((await loadLegalText('impressum', 'de', figures, dir))!.source).toContain('alt');
    writeFileSync(file, '# Impressum\n\nneu, {{emailDays}} Tage');
    utimesSync(file, new Date(), new Date(Date.now() + 5000)); // a different mtime even on coarse clocks
    expect((await loadLegalText('impressum', 'de', figures, dir))!.source).toContain('neu, 30 Tage');
  });

  it('falls back to German when a translation is missing, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stadtmelder-legal-'));
    writeFileSync(join(dir, 'leichte-sprache.de.md'), '# Leichte Sprache');
    expect(await loadLegalText('leichte-sprache', 'en', figures, dir)).toEqual({ source: '# Leichte Sprache', lang: 'de' });
    expect(await loadLegalText('fehlt', 'de', figures, dir)).toBeNull();
  });
});
