// The site's stylesheet, for pages that must be usable after one round trip (the scan page): inlined
// there instead of linked, and allowed by the CSP through its hash rather than 'unsafe-inline'.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const SITE_CSS = readFileSync(new URL('../../web/site.css', import.meta.url), 'utf8');
export const SITE_CSS_HASH = `'sha256-${createHash('sha256').update(SITE_CSS).digest('base64')}'`;
