// Security headers for every response. The CSP is strict everywhere; only pages that show a map
// also allow images from the configured tile server.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

export function contentSecurityPolicy(options: { tileOrigin?: string | null; styleHash?: string }): string {
  const img = ["'self'", 'data:', ...(options.tileOrigin ? [options.tileOrigin] : [])].join(' ');
  return [
    "default-src 'self'",
    `img-src ${img}`,
    ...(options.styleHash ? [`style-src 'self' ${options.styleHash}`] : []),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Scripts, styles and images under /static/ are never documents (SVG aside: opened by itself it is one,
 * and may run script): the document headers would only add half a kilobyte to each of them.
 */
export function isSubresourcePath(path: string): boolean {
  return path.startsWith('/static/') && !path.endsWith('.svg');
}

export function securityHeaders(options: { tileOrigin: string; https: boolean; styleHash: string }): MiddlewareHandler<AppEnv> {
  const plain = contentSecurityPolicy({ styleHash: options.styleHash });
  const withTiles = contentSecurityPolicy({ tileOrigin: options.tileOrigin, styleHash: options.styleHash });
  // Headers are set before the route runs: Hono then applies them once when the response is made
  // (setting them afterwards rebuilds the response for every header), and a route may override one.
  const documentHeaders = (c: Context<AppEnv>) => {
    c.header('Content-Security-Policy', plain);
    c.header('X-Frame-Options', 'DENY');
    // Status links carry private tokens: never leak a URL to another site.
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Permissions-Policy', 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
  };
  return async (c, next) => {
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    if (options.https) c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (isSubresourcePath(c.req.path)) {
      await next();
      // A missing file is answered with an HTML page, which is a document again.
      if (c.res.headers.get('Content-Type')?.startsWith('text/html')) documentHeaders(c);
      return;
    }
    documentHeaders(c);
    await next();
    if (c.get('mapPage')) c.header('Content-Security-Policy', withTiles);
  };
}
