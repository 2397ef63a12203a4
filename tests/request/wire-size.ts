// What a response costs on the wire: status line, headers and the (compressed) body. Shared by the
// page-weight tests and bench/page-weight.ts, so that a budget and its printed figure are one measure.

/** Node adds Date, Connection, Keep-Alive and chunked framing to what app.request() returns: counted generously. */
const NODE_HEADERS = 'Date: Sat, 21 Nov 2026 13:05:00 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nTransfer-Encoding: chunked\r\n';

export async function wireBytes(res: Response): Promise<number> {
  return (await measured(res)).bytes;
}

/** `bytes` with the head, `body` the compressed body alone. */
async function measured(res: Response): Promise<{ bytes: number; body: number }> {
  const body = Buffer.from(await res.arrayBuffer());
  const head = `HTTP/1.1 ${res.status} OK\r\n${[...res.headers].map(([k, v]) => `${k}: ${v}\r\n`).join('')}${NODE_HEADERS}\r\n`;
  return { bytes: Buffer.byteLength(head) + body.length, body: body.length };
}

interface Fetcher {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

const GZIP = { headers: { 'Accept-Encoding': 'gzip' } };

/** The map's files: a form may use the map, but its weight budget is counted without them. */
export const isMapAsset = (path: string) => /^\/static\/(leaflet\/|map\.(js|css)$)/.test(path);

/** The same-origin files a page's HTML names (stylesheets, scripts, icon, manifest), in order. */
export function assetsOf(html: string): string[] {
  const found = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="(\/[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  return [...new Set(found)];
}

/**
 * A page and everything it loads by itself (`total` with headers, `bodies` without) (without `skip`), compressed as a browser asks for it.
 * `extra`: files a script of the page fetches (the service worker), which the HTML does not name.
 */
export async function pageWeight(app: Fetcher, path: string, options: { skip?: (asset: string) => boolean; extra?: string[] } = {}) {
  const page = await app.request(path, GZIP);
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  const html = await (await app.request(path)).text();
  const files: Array<{ path: string; bytes: number; body: number }> = [{ path, ...(await measured(page)) }];
  for (const asset of [...assetsOf(html).filter((a) => !options.skip?.(a)), ...(options.extra ?? [])]) {
    const res = await app.request(asset, GZIP);
    if (res.status !== 200) throw new Error(`${asset} (named by ${path}) answered ${res.status}`);
    files.push({ path: asset, ...(await measured(res)) });
  }
  return { total: files.reduce((sum, f) => sum + f.bytes, 0), bodies: files.reduce((sum, f) => sum + f.body, 0), files, html };
}
