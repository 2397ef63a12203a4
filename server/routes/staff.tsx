// The back office's door: login (password, then the code when the account has a second factor),
// logout, the guard in front of everything under /intern, and the start page. Mounted before every
// other route that serves /intern (server/app.ts), so its middleware runs first for all of them.
import { Hono, type Context } from 'hono';
import { newestOpenReports, openCountsByDepartment } from '../../db/staff-reports.ts';
import { findActiveStaffByLogin } from '../../db/staff.ts';
import { endSession } from '../../db/staff.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import { clientAddress, clientKey } from '../rate-limit.ts';
import { canPrintStickers, seesAllDepartments } from '../staff/access.ts';
import { issueLoginToken, useLoginToken } from '../staff/login-token.ts';
import { attemptKeys, attemptSucceeded, claimAttempt } from '../staff/login-throttle.ts';
import { dummyPasswordHash, PASSWORD_MAX, verifyPassword } from '../staff/passwords.ts';
import { clearSessionCookie, csrfMatches, readSession, sessionCookie, setSessionCookie, startSession } from '../staff/sessions.ts';
import { pageFor } from '../views/page.ts';
import { LoginPage, StaffStartPage, StaffThrottledPage, type LoginFormData } from '../views/staff.tsx';
import { CodeEntryPage } from '../views/staff/account-code.tsx';
import { checkCode, codeAttemptKeys } from '../staff/second-factor.ts';
import type { MessageKey } from '../i18n/index.ts';
import { parseFormBody } from '../body.ts';

export const LOGIN_PATH = '/intern/anmelden';
/** The login's second step, for accounts with a second factor. */
export const CODE_PATH = '/intern/anmelden/code';
const LOGOUT_PATH = '/intern/abmelden';

/** Where to go after login: only a path under /intern, so the parameter cannot send anyone elsewhere. */
export function safeTarget(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return /^\/intern(?:\/[A-Za-z0-9\-._~%/]*)?(?:\?[A-Za-z0-9\-._~%&=,+]*)?$/.test(value) && !value.includes('//') && !value.startsWith(LOGIN_PATH) ? value : null;
}

/** A script asking for JSON (not a browser, which always accepts HTML). */
function wantsJsonAnswer(c: Context<AppEnv>): boolean {
  const accept = c.req.header('Accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** A person's browser navigating gets redirected to the login page; anything else gets a status. */
function isPageRequest(c: Context<AppEnv>): boolean {
  return (c.req.method === 'GET' || c.req.method === 'HEAD') && !wantsJsonAnswer(c);
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * 429 for the login and the code step. Rendered here rather than thrown to the one onError, because
 * its way back must lead to the login page, not to the citizens' start page (see decision 021).
 */
function throttledResponse(c: Context<AppEnv>, seconds: number, kind: 'password' | 'code') {
  const minutes = Math.ceil(seconds / 60);
  const t = c.get('t');
  const message = t(kind === 'password' ? 'staff.throttled' : 'staff.account.codeThrottled', { minutes });
  const title = t(kind === 'password' ? 'staff.throttled.title' : 'staff.account.codeThrottledTitle');
  c.header('Retry-After', String(seconds));
  if (wantsJsonAnswer(c)) return c.json({ error: { status: 429, message } }, 429);
  return c.html(<StaffThrottledPage page={pageFor(c)} title={title} message={message} />, 429);
}

export function staffRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  // The guard. It reads the session cookie (citizen pages never do), refuses cross-site and
  // token-less POSTs, and lets only the login page through without a session.
  const guard = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    // Staff pages show personal data: never kept in a shared cache or the browser's history cache.
    c.header('Cache-Control', 'no-store');
    const now = ctx.clock.now();
    const lookup = await readSession(ctx.db, ctx.config.secret, sessionCookie(c, ctx.config), now);
    c.set('staffSession', lookup.status === 'ok' ? lookup.session : null);
    if (lookup.status === 'expired') clearSessionCookie(c, ctx.config);
    const isPost = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    // Browsers mark a request that a foreign page made; no legitimate staff form is ever cross-site.
    if (isPost && c.req.header('Sec-Fetch-Site') === 'cross-site') throw new UserError(403, 'staff.csrfInvalid');
    if (c.req.path === LOGIN_PATH) return next();
    // Password given, code not yet: such a session may enter its code or log out, nothing else.
    if (lookup.status === 'ok' && lookup.session.mfaPending && c.req.path !== CODE_PATH && c.req.path !== LOGOUT_PATH) {
      // Any browser request (a page or a form) is sent to the code page; a script gets a status.
      if (wantsJsonAnswer(c)) throw new UserError(401, 'staff.unauthenticated');
      return c.redirect(CODE_PATH, 303);
    }
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
      const body = await parseFormBody(c);
      if (!csrfMatches(lookup.session.csrfToken, body['csrf'])) throw new UserError(403, 'staff.csrfInvalid');
    }
    return next();
  };
  // Hono's '/intern/*' also matches '/intern' itself, so one registration covers both. Bodies
  // have their limits before any of this runs (server/body.ts).
  app.use('/intern/*', guard);

  app.use('/intern/aufkleber.pdf', async (c, next) => {
    if (!canPrintStickers(c.get('staffSession')!.user)) throw new UserError(403, 'staff.forbidden');
    return next();
  });

  const addressOf = (c: Context<AppEnv>) => clientAddress(c, ctx.config.trustProxy);
  // Every rendering of the form gets a fresh token: one for this client, good for one POST.
  const renderLogin = (c: Context<AppEnv>, data: Omit<LoginFormData, 'token'>, status: 200 | 401 | 403 | 422 = 200) =>
    c.html(<LoginPage page={pageFor(c)} data={{ ...data, token: issueLoginToken(ctx.config.secret, addressOf(c), ctx.clock.now()) }} />, status);

  app.get(LOGIN_PATH, (c) => {
    if (c.get('staffSession') && !c.get('staffSession')!.mfaPending) return c.redirect('/intern', 303);
    const notice = c.req.query('abgemeldet') ? 'loggedOut' : c.req.query('abgelaufen') ? 'expired' : null;
    return renderLogin(c, { login: '', target: safeTarget(c.req.query('ziel')), error: null, notice });
  });

  app.post(LOGIN_PATH, async (c) => {
    const now = ctx.clock.now();
    const body = await parseFormBody(c);
    const login = text(body['login']).trim();
    const password = text(body['password']);
    const target = safeTarget(body['ziel']);
    // A token that is forged, too old, from another client or used before: the form again with a fresh
    // token and a message, so someone who pressed Back (or waited too long) can simply log in.
    if (!(await useLoginToken(ctx.db, ctx.config.secret, body['token'], addressOf(c), now))) {
      return renderLogin(c, { login, target, error: 'formExpired', notice: null }, 403);
    }
    if (!login || !password) return renderLogin(c, { login, target, error: 'missing', notice: null }, 422);

    // Counted as a failure before scrypt runs, in one step with the check of the limits.
    const keys = attemptKeys(ctx.config.secret, login, clientKey(ctx.config.secret, addressOf(c), now));
    const attempt = await claimAttempt(ctx.db, keys, now);
    if (attempt.status === 'throttled') return throttledResponse(c, attempt.seconds, 'password');
    const staff = await findActiveStaffByLogin(ctx.db, login);
    // An unknown login costs the same scrypt run as a wrong password, so timing does not tell them apart.
    const matches = password.length <= PASSWORD_MAX * 4 && (await verifyPassword(password, staff?.password_hash ?? (await dummyPasswordHash())));
    if (!staff || !matches) {
      ctx.logger.info('staff login failed');
      return renderLogin(c, { login, target, error: 'failed', notice: null }, 401);
    }
    await attemptSucceeded(ctx.db, attempt);
    // A fresh token on every login: a session id planted before login is never promoted.
    const previous = c.get('staffSession');
    if (previous) await endSession(ctx.db, previous.id, now.toISOString());
    if (staff.totp_enabled_at) {
      // Only a pending session: the guard lets it do nothing but enter the code (or log out).
      const { token } = await startSession(ctx.db, ctx.config.secret, staff.id, now, { mfaPending: true });
      setSessionCookie(c, ctx.config, token);
      ctx.logger.info('staff password accepted, code pending', { staff: staff.id });
      return c.redirect(target ? `${CODE_PATH}?ziel=${encodeURIComponent(target)}` : CODE_PATH, 303);
    }
    const { token } = await startSession(ctx.db, ctx.config.secret, staff.id, now);
    setSessionCookie(c, ctx.config, token);
    ctx.logger.info('staff login', { staff: staff.id });
    return c.redirect(target ?? '/intern', 303);
  });

  const renderCodePage = (c: Context<AppEnv>, target: string | null, error: MessageKey | null, status: 200 | 401 | 422 = 200) =>
    c.html(<CodeEntryPage page={pageFor(c)} data={{ csrfToken: c.get('staffSession')!.csrfToken, target, error }} />, status);

  app.get(CODE_PATH, (c) => {
    if (!c.get('staffSession')!.mfaPending) return c.redirect('/intern', 303);
    return renderCodePage(c, safeTarget(c.req.query('ziel')), null);
  });

  app.post(CODE_PATH, async (c) => {
    const session = c.get('staffSession')!;
    if (!session.mfaPending) return c.redirect('/intern', 303);
    const now = ctx.clock.now();
    const body = await parseFormBody(c);
    const target = safeTarget(body['ziel']);
    const keys = codeAttemptKeys(ctx.config.secret, session.user.login, clientKey(ctx.config.secret, addressOf(c), now));
    const check = await checkCode(ctx.db, { staffId: session.user.id, keys, code: body['code'], now });
    if (check.result === 'throttled') return throttledResponse(c, check.seconds, 'code');
    if (check.result === 'malformed') return renderCodePage(c, target, 'staff.account.error.codeMalformed', 422);
    if (check.result === 'wrong') {
      ctx.logger.info('staff code refused', { staff: session.user.id });
      return renderCodePage(c, target, 'staff.account.error.codeWrong', 401);
    }
    // The pending session ends and a fresh one (new token, new CSRF token) begins.
    await endSession(ctx.db, session.id, now.toISOString());
    const { token } = await startSession(ctx.db, ctx.config.secret, session.user.id, now);
    setSessionCookie(c, ctx.config, token);
    ctx.logger.info('staff login', { staff: session.user.id, secondFactor: true });
    return c.redirect(target ?? '/intern', 303);
  });

  app.post(LOGOUT_PATH, async (c) => {
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
