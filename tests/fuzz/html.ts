// Just enough HTML reading for the fuzz checks: the tags of a page with their attributes (quoted
// values kept whole, so escaped text inside an attribute is never mistaken for markup), the text of
// its message elements, and entity decoding. Our pages are written by hono/jsx and are well formed.

export interface Tag {
  name: string;
  attrs: Array<[string, string]>;
  /** Index of '<' and of the character after '>'. */
  start: number;
  end: number;
  closing: boolean;
  /** For <script> and <style>: their raw text. */
  rawText?: string;
}

const NAME = /[^\s/>]/;

export function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  let at = 0;
  while ((at = html.indexOf('<', at)) !== -1) {
    if (html.startsWith('<!--', at)) {
      const close = html.indexOf('-->', at + 4);
      at = close === -1 ? html.length : close + 3;
      continue;
    }
    const closing = html[at + 1] === '/';
    let i = at + (closing ? 2 : 1);
    if (!/[A-Za-z!?]/.test(html[i] ?? '')) {
      at = i;
      continue;
    }
    let name = '';
    while (i < html.length && NAME.test(html[i]!)) name += html[i++];
    const attrs: Array<[string, string]> = [];
    for (;;) {
      while (i < html.length && /\s|\//.test(html[i]!)) i++;
      if (i >= html.length || html[i] === '>') break;
      let attr = '';
      while (i < html.length && !/[\s=>/]/.test(html[i]!)) attr += html[i++];
      if (!attr) attr = html[i++] ?? '';
      let value = '';
      while (i < html.length && /\s/.test(html[i]!)) i++;
      if (html[i] === '=') {
        i++;
        while (i < html.length && /\s/.test(html[i]!)) i++;
        const quote = html[i];
        if (quote === '"' || quote === "'") {
          const close = html.indexOf(quote, i + 1);
          value = html.slice(i + 1, close === -1 ? html.length : close);
          i = close === -1 ? html.length : close + 1;
        } else {
          while (i < html.length && !/[\s>]/.test(html[i]!)) value += html[i++];
        }
      }
      attrs.push([attr.toLowerCase(), value]);
    }
    const end = Math.min(i + 1, html.length);
    const tag: Tag = { name: name.toLowerCase(), attrs, start: at, end, closing };
    tags.push(tag);
    at = end;
    if (!closing && (tag.name === 'script' || tag.name === 'style')) {
      const close = html.toLowerCase().indexOf(`</${tag.name}`, end);
      tag.rawText = html.slice(end, close === -1 ? html.length : close);
      at = close === -1 ? html.length : close;
    }
  }
  return tags;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[body.toLowerCase()] ?? m;
  });
}

/** Elements that carry a message for the reader: alerts, field messages, error summaries. */
function isMessageElement(tag: Tag): boolean {
  if (tag.closing) return false;
  const attr = (name: string) => tag.attrs.find(([n]) => n === name)?.[1];
  const classes = (attr('class') ?? '').split(/\s+/);
  return attr('role') === 'alert' || classes.includes('field-error') || classes.includes('error-summary') || classes.includes('error');
}

/** The text pieces (between tags) inside every message element, decoded and with blanks collapsed. */
export function messageTexts(html: string): string[] {
  const tags = tagsOf(html);
  const texts: string[] = [];
  for (let k = 0; k < tags.length; k++) {
    const open = tags[k]!;
    if (!isMessageElement(open)) continue;
    // The matching end tag: count nesting of elements of the same name.
    let depth = 1;
    let j = k + 1;
    for (; j < tags.length; j++) {
      const t = tags[j]!;
      if (t.name !== open.name) continue;
      depth += t.closing ? -1 : 1;
      if (depth === 0) break;
    }
    const inner = tags.slice(k, Math.min(j, tags.length - 1) + 1);
    for (let n = 0; n + 1 < inner.length; n++) {
      const text = decodeEntities(html.slice(inner[n]!.end, inner[n + 1]!.start)).replace(/\s+/g, ' ').trim();
      if (text) texts.push(text);
    }
    k = j;
  }
  return texts;
}
