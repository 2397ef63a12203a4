// A deliberately tiny Markdown subset for the legal texts that cities edit (content/legal/): headings
// (#, ##, ###), paragraphs (line breaks kept), "-" lists, **bold** and [text](url). Everything else is text and is
// escaped, so a stray "<script>" in a file shows up as text instead of running. Links are kept only
// for http(s), mailto and relative URLs; a "javascript:" link becomes plain text.

export interface MarkdownOptions {
  /** Rewrites relative links, e.g. to keep a language chosen by ?lang=. */
  relativeHref?: (url: string) => string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type UrlKind = 'absolute' | 'relative' | null;

function urlKind(url: string): UrlKind {
  // Browsers read "/\\host" like "//host", and ignore control characters inside a scheme.
  if (/[\s\\\u0000-\u001f\u007f]/.test(url)) return null;
  if (/^(https?:\/\/[^/?#]|mailto:[^/])/i.test(url)) return 'absolute';
  // Relative: a path, a fragment or a query; but not "//host" (another site), and no other scheme.
  if (url.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
  return 'relative';
}

const INLINE = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\(([^()\s]+)\)/g;

function renderInline(text: string, options: MarkdownOptions): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    html += escapeHtml(text.slice(last, match.index));
    last = match.index + match[0].length;
    const [whole, bold, label, url] = match;
    if (bold !== undefined) {
      html += `<strong>${renderInline(bold, options)}</strong>`;
      continue;
    }
    const kind = urlKind(url!);
    if (!kind) {
      html += escapeHtml(whole);
      continue;
    }
    const href = kind === 'relative' && options.relativeHref ? options.relativeHref(url!) : url!;
    html += `<a href="${escapeHtml(href)}">${renderInline(label!, options)}</a>`;
  }
  return html + escapeHtml(text.slice(last));
}

const HEADING = /^(#{1,3})\s+(.*)$/;
const ITEM = /^-\s+(.*)$/;

/** Renders the subset to HTML. Blocks are separated by blank lines; a heading is always one line. */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  let items: string[] | null = null;

  // Unlike Markdown, a line break inside a paragraph or item is kept: addresses need it, and Leichte
  // Sprache puts every sentence on a line of its own.
  const lines = (text: string) => renderInline(text, options).replace(/\n/g, '<br>\n');
  const flush = () => {
    if (paragraph.length) out.push(`<p>${lines(paragraph.join('\n'))}</p>`);
    if (items) out.push(`<ul>\n${items.map((item) => `<li>${lines(item)}</li>`).join('\n')}\n</ul>`);
    paragraph = [];
    items = null;
  };

  for (const rawLine of source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim();
    const heading = HEADING.exec(line);
    const item = ITEM.exec(line);
    if (!line) {
      flush();
    } else if (heading) {
      flush();
      const level = heading[1]!.length;
      out.push(`<h${level}>${renderInline(heading[2]!, options)}</h${level}>`);
    } else if (item) {
      if (paragraph.length) flush();
      (items ??= []).push(item[1]!);
    } else if (items && /^\s/.test(rawLine)) {
      // An indented line right after an item continues that item.
      items[items.length - 1] += `\n${line}`;
    } else {
      if (items) flush();
      paragraph.push(line);
    }
  }
  flush();
  return out.join('\n');
}

/** The text of the first level-1 heading, if the source starts with one. */
export function firstHeading(source: string): string | null {
  const first = source.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim());
  const match = first ? HEADING.exec(first.trim()) : null;
  return match && match[1] === '#' ? match[2]! : null;
}
