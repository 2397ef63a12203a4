// The back office's door: login, logout, the guard in front of everything under /intern, and the
// first read-only pages. Mounted before every other route that serves /intern (server/app.ts), so its
// middleware runs first for all of them.
import { Hono, type Context } from 'hono';
import { newestOpenReports, openCountsByDepartment } from '../../db/staff-reports.ts';
import { findActiveStaffByLogin } from '../../db/staff.ts';
import { endSession } from '../../db/staff.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../domain/errors.ts';
import { clientAddress, clientKey } from '../rate-limit.ts';
import { canPrintStickers, seesAllDepartments } from '../staff/access.ts';
import { checkLoginToken, issueLoginToken } from '../staff/login-token.ts';
import { attemptKeys, recordFailure, recordSuccess, throttledFor } from '../staff/login-throttle.ts';
import { dummyPasswordHash, PASSWORD_MAX, verifyPassword } from '../staff/passwords.ts';
import { clearSessionCookie, csrfMatches, readSession, sessionCookie, setSessionCookie, startSession } from '../staff/sessions.ts';
import { pageFor } from '../views/page.ts';
import { LoginPage, StaffStartPage, type LoginFormData } from '../views/staff.tsx';

export const LOGIN_PATH = '/intern/anmelden';

/** Where to go after login: only a path under /intern, so the parameter cannot send anyone elsewhere. */
export function safeTarget(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return /^\/intern(?:\/[A-Za-z0-9\-._~%/]*)?(?:\?[A-Za-z0-9\-._~%&=,+]*)?$/.test(value) && !value.includes('//') && !value.startsWith(LOGIN_PATH) ? value : null;
}

/** A person's browser navigating gets redirected to the login page; anything else gets a status. */
function isPageRequest(c: Context<AppEnv>): boolean {
  const accept = c.req.header('Accept') ?? '';
  return (c.req.method === 'GET' || c.req.method === 'HEAD') && !(accept.includes('application/json') && !accept.includes('text/html'));
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function staffRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  // The guard. It reads the session cookie (citizen pages never do), refuses cross-site and
  // token-less POSTs, and lets only the login page through without a session.
  const guard = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    // Staff pages show personal data: never kept in a shared cache or the browser's history cache.
    c.header('Cache-Control', 'no-store');
    const now = ctx.clock.now();
    const lookup = await readSession(ctx.db, sessionCookie(c, ctx.config), now);
    c.set('staffSession', lookup.status === 'ok' ? lookup.session : null);
    if (lookup.status === 'expired') clearSessionCookie(c, ctx.config);
    const isPost = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    // Browsers mark a request that a foreign page made; no legitimate staff form is ever cross-site.
    if (isPost && c.req.header('Sec-Fetch-Site') === 'cross-site') throw new UserError(403, 'staff.csrfInvalid');
    if (c.req.path === LOGIN_PATH) return next();
    if (lookup.status !== 'ok') {
      if (!isPageRequest(c)) throw new UserError(401, 'staff.unauthenticated');
      const params = new URLSearchParams();
      const target = safeTarget(c.req.path + (new URL(c.req.url).search || ''));
      if (target && target !== '/intern') params.set('ziel', target);
      if (lookup.status === 'expired') params.set('abgelaufen', '1');
      const query = params.toString();
      return c.redirect(`${LOGIN_PATH}${query ? `?${query}` : ''}`, 303);
    }
    if (isPost) {
      const body = await c.req.parseBody();
      if (!csrfMatches(lookup.session.csrfToken, body['csrf'])) throw new UserError(403, 'staff.csrfInvalid');
    }
    return next();
  };
  // Hono's '/intern/*' also matches '/intern' itself, so one registration covers both.
  app.use('/intern/*', guard);

  app.use('/intern/aufkleber.pdf', async (c, next) => {
    if (!canPrintStickers(c.get('staffSession')!.user)) throw new UserError(403, 'staff.forbidden');
    return next();
  });

  const renderLogin = (c: Context<AppEnv>, data: Omit<LoginFormData, 'token'>, status: 200 | 401 | 422 = 200) =>
    c.html(<LoginPage page={pageFor(c)} data={{ ...data, token: issueLoginToken(ctx.config.secret, ctx.clock.now()) }} />, status);

  app.get(LOGIN_PATH, (c) => {
    if (c.get('staffSession')) return c.redirect('/intern', 303);
    const notice = c.req.query('abgemeldet') ? 'loggedOut' : c.req.query('abgelaufen') ? 'expired' : null;
    return renderLogin(c, { login: '', target: safeTarget(c.req.query('ziel')), error: null, notice });
  });

  app.post(LOGIN_PATH, async (c) => {
    const now = ctx.clock.now();
    const body = await c.req.parseBody();
    if (!checkLoginToken(ctx.config.secret, body['token'], now)) throw new UserError(403, 'staff.csrfInvalid');
    const login = text(body['login']).trim();
    const password = text(body['password']);
    const target = safeTarget(body['ziel']);
    if (!login || !password) return renderLogin(c, { login, target, error: 'missing', notice: null }, 422);

    const keys = attemptKeys(login, clientKey(ctx.config.secret, clientAddress(c, ctx.config.trustProxy), now));
    const wait = await throttledFor(ctx.db, keys, now);
    if (wait !== null) {
      throw new UserError(429, 'staff.throttled', { minutes: Math.ceil(wait / 60) }, { retryAfterSeconds: wait, titleKey: 'staff.throttled.title' });
    }
    const staff = await findActiveStaffByLogin(ctx.db, login);
    // An unknown login costs the same scrypt run as a wrong password, so timing does not tell them apart.
    const matches = password.length <= PASSWORD_MAX * 4 && (await verifyPassword(password, staff?.password_hash ?? (await dummyPasswordHash())));
    if (!staff || !matches) {
      await recordFailure(ctx.db, keys, now);
      ctx.logger.info('staff login failed');
      return renderLogin(c, { login, target, error: 'failed', notice: null }, 401);
    }
    await recordSuccess(ctx.db, keys, now);
    // A fresh token on every login: a session id planted before login is never promoted.
    const previous = c.get('staffSession');
    if (previous) await endSession(ctx.db, previous.id, now.toISOString());
    const { token } = await startSession(ctx.db, staff.id, now);
    setSessionCookie(c, ctx.config, token);
    ctx.logger.info('staff login', { staff: staff.id });
    return c.redirect(target ?? '/intern', 303);
  });

  app.post('/intern/abmelden', async (c) => {
    const session = c.get('staffSession')!;
    await endSession(ctx.db, session.id, ctx.clock.now().toISOString());
    clearSessionCookie(c, ctx.config);
    return c.redirect(`${LOGIN_PATH}?abgemeldet=1`, 303);
  });

  app.get('/intern', async (c) => {
    const session = c.get('staffSession')!;
    const { user } = session;
    const all = seesAllDepartments(user);
    const scope = all ? ('all' as const) : user.departmentIds;
    const binOnly = user.role === 'crew';
    const [departments, recent] = await Promise.all([openCountsByDepartment(ctx.db, scope, binOnly), newestOpenReports(ctx.db, scope, binOnly, 10)]);
    return c.html(
      <StaffStartPage
        page={pageFor(c)}
        data={{ user, csrfToken: session.csrfToken, allDepartments: all, departments, recent, canPrintStickers: canPrintStickers(user), now: ctx.clock.now() }}
      />,
    );
  });

  return app;
}
