import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEGAL_DIR } from '../../server/views/legal-texts.ts';
import { escapeHtml, firstHeading, renderMarkdown } from '../../server/views/markdown.ts';

describe('renderMarkdown: the subset', () => {
  it('renders headings, paragraphs, lists and bold', () => {
    const source = '# Datenschutz\n\nErster Absatz\nmit Zeilenumbruch.\n\n## Kurz\n\n- **keine** Cookies\n- keine IP-Adressen\n  gespeichert\n\n### Mehr\nText';
    expect(renderMarkdown(source)).toBe(
      [
        '<h1>Datenschutz</h1>',
        '<p>Erster Absatz<br>\nmit Zeilenumbruch.</p>',
        '<h2>Kurz</h2>',
        '<ul>\n<li><strong>keine</strong> Cookies</li>\n<li>keine IP-Adressen<br>\ngespeichert</li>\n</ul>',
        '<h3>Mehr</h3>',
        '<p>Text</p>',
      ].join('\n'),
    );
  });

  it('ends a list at an unindented line and starts one right after a paragraph line', () => {
    expect(renderMarkdown('- a\nText')).toBe('<ul>\n<li>a</li>\n</ul>\n<p>Text</p>');
    expect(renderMarkdown('Vorher:\n- a\n- b')).toBe('<p>Vorher:</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>');
  });

  it('handles Windows line endings and a byte-order mark', () => {
    expect(renderMarkdown('\uFEFF# T\r\n\r\nA\r\nB')).toBe('<h1>T</h1>\n<p>A<br>\nB</p>');
  });

  it('leaves everything else as text: ####, *, _, `code`, > quotes, tables', () => {
    expect(renderMarkdown('#### vier')).toBe('<p>#### vier</p>');
    expect(renderMarkdown('* stern _kursiv_ `code`')).toBe('<p>* stern _kursiv_ `code`</p>');
    expect(renderMarkdown('> Zitat | a |')).toBe('<p>&gt; Zitat | a |</p>');
    expect(renderMarkdown('**nicht geschlossen')).toBe('<p>**nicht geschlossen</p>');
  });
});

describe('renderMarkdown: links', () => {
  it.each([
    ['https://www.datenschutz.rlp.de', 'https://www.datenschutz.rlp.de'],
    ['http://example.org/a?b=1&c=2', 'http://example.org/a?b=1&amp;c=2'],
    ['mailto:barrierefreiheit@stadt.example', 'mailto:barrierefreiheit@stadt.example'],
    ['/datenschutz', '/datenschutz'],
    ['#rechte', '#rechte'],
    ['impressum', 'impressum'],
  ])('keeps [text](%s)', (url, href) => {
    expect(renderMarkdown(`Siehe [hier](${url}).`)).toBe(`<p>Siehe <a href="${href}">hier</a>.</p>`);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox',
    '//evil.example/x',
    '/\\evil.example',
    'https:/\\evil.example',
    'java\tscript:alert(1)',
    'file:///etc/passwd',
  ])('refuses [text](%s) and shows it as text', (url) => {
    const html = renderMarkdown(`[klick](${url})`);
    expect(html).not.toContain('<a');
    expect(html).not.toContain('href');
  });

  it('rewrites relative links when asked (to keep ?lang=) and leaves absolute ones alone', () => {
    const relativeHref = (url: string) => `${url}?lang=en`;
    expect(renderMarkdown('[a](/datenschutz) [b](https://x.example/)', { relativeHref })).toBe(
      '<p><a href="/datenschutz?lang=en">a</a> <a href="https://x.example/">b</a></p>',
    );
  });

  it('allows bold around a link and inside its text', () => {
    expect(renderMarkdown('**[a](/x)** [**b**](/y)')).toBe('<p><strong><a href="/x">a</a></strong> <a href="/y"><strong>b</strong></a></p>');
  });
});

describe('renderMarkdown: HTML in a file is escaped', () => {
  it('escapes tags, entities and quotes in text, headings and list items', () => {
    const source = '# <script>alert(1)</script>\n\n<img src=x onerror=alert(1)> & "Zitat" \'x\'\n\n- <b>fett</b>';
    const html = renderMarkdown(source);
    expect(html).toBe(
      [
        '<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>',
        '<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Zitat&quot; &#39;x&#39;</p>',
        '<ul>\n<li>&lt;b&gt;fett&lt;/b&gt;</li>\n</ul>',
      ].join('\n'),
    );
  });

  it('escapes link texts and cannot break out of the href attribute', () => {
    expect(renderMarkdown('[<i>x</i>](/a"onmouseover="alert)')).toBe('<p><a href="/a&quot;onmouseover=&quot;alert">&lt;i&gt;x&lt;/i&gt;</a></p>');
    expect(renderMarkdown('[x](https://a.example/"><script>)')).toBe('<p><a href="https://a.example/&quot;&gt;&lt;script&gt;">x</a></p>');
  });

  it('escapeHtml covers the five characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('firstHeading', () => {
  it('finds a leading level-1 heading only', () => {
    expect(firstHeading('\n# Impressum\n\nText')).toBe('Impressum');
    expect(firstHeading('## Zwei\n# Eins')).toBeNull();
    expect(firstHeading('Text\n# Später')).toBeNull();
  });
});

describe('the legal files', () => {
  const files = readdirSync(LEGAL_DIR).filter((f) => f.endsWith('.md') && f !== 'README.md');

  it('exist for every page in German and English', () => {
    for (const name of ['datenschutz', 'barrierefreiheit', 'impressum', 'leichte-sprache']) {
      expect(files).toContain(`${name}.de.md`);
      expect(files).toContain(`${name}.en.md`);
    }
  });

  it.each(files)('%s starts with one h1, uses only the subset and links only where it may', (file) => {
    const source = readFileSync(join(LEGAL_DIR, file), 'utf8');
    expect(firstHeading(source)).not.toBeNull();
    expect(source.match(/^# /gm)).toHaveLength(1);
    const html = renderMarkdown(source);
    // Every "[text](url)" in a file became a link: none was refused by mistake.
    expect((html.match(/<a href=/g) ?? []).length).toBe((source.match(/\]\(/g) ?? []).length);
    expect(html).not.toMatch(/<(?!\/?(h1|h2|h3|p|ul|li|strong|a|br)\b)/);
  });
});
