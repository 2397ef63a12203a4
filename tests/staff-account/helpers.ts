// Helpers of the second-factor tests: the login form as a browser posts it, and accounts with TOTP on.
import { enableTotp, storePendingTotpSecret } from '../../db/staff-totp.ts';
import type { App } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { totpCode, totpStep } from '../../server/staff/totp.ts';

export const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export async function loginToken(app: App): Promise<string> {
  const html = await (await app.request('/intern/anmelden')).text();
  return /name="token" value="([^"]+)"/.exec(html)![1]!;
}

export async function postLogin(app: App, login: string, password: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const body = new URLSearchParams({ token: await loginToken(app), login, password, ...extra });
  return app.request('/intern/anmelden', { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } });
}

export const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;

/** The CSRF token in a page's forms. */
export const csrfIn = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;

/** Switches the second factor on for the account with the known secret, as if set up a minute ago. */
export async function withSecondFactor(ctx: AppContext, staffId: number, secret = SECRET): Promise<void> {
  await storePendingTotpSecret(ctx.db, staffId, secret);
  await enableTotp(ctx.db, staffId, totpStep(ctx.clock.now()) - 2, ctx.clock.now().toISOString());
}

/** The code an authenticator app shows now (or `offset` steps away). */
export const codeNow = (ctx: AppContext, offset = 0, secret = SECRET) => totpCode(secret, totpStep(ctx.clock.now()) + offset);

/** A request with the cookie of a response's Set-Cookie. */
export function withCookie(app: App, cookie: string) {
  return (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Cookie', cookie);
    return app.request(path, { ...init, headers });
  };
}
