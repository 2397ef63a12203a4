// Back office: the staff member's own account. Today that is the optional second factor (TOTP):
// set it up (QR code and key, confirmed with a code), or switch it off (password or a current code).
// Every role may use it; the guard in staff.tsx has checked the session and the CSRF token.
import { Hono, type Context } from 'hono';
import QRCode from 'qrcode';
import { disableTotp, enableTotp, endOtherSessions, findTotpState, storePendingTotpSecret } from '../../db/staff-totp.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import type { MessageKey } from '../i18n/index.ts';
import { clientAddress, clientKey } from '../rate-limit.ts';
import { PASSWORD_MAX, verifyPassword } from '../staff/passwords.ts';
import { attemptNotCounted, claimAttempt } from '../staff/login-throttle.ts';
import { checkCode, codeAttemptKeys, type CodeCheck } from '../staff/second-factor.ts';
import { groupSecret, newTotpSecret, normalizeCode, otpauthUri } from '../staff/totp.ts';
import { pageFor } from '../views/page.ts';
import { AccountPage, SetupPage } from '../views/staff/account-page.tsx';
import { parseFormBody } from '../body.ts';

const ACCOUNT_PATH = '/intern/konto';
const SETUP_PATH = '/intern/konto/zweiter-faktor';

async function qrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export function staffAccountRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  const session = (c: Context<AppEnv>) => c.get('staffSession')!;
  /** The throttle's keys for this user's codes (and password confirmations) from this client. */
  const codeKeysOf = (c: Context<AppEnv>, now: Date) => codeAttemptKeys(ctx.config.secret, session(c).user.login, clientKey(ctx.config.secret, clientAddress(c, ctx.config.trustProxy), now));

  async function totpStateOf(c: Context<AppEnv>) {
    const state = await findTotpState(ctx.db, session(c).user.id);
    if (!state) throw new UserError(404, 'error.notFound');
    return state;
  }

  async function renderAccount(c: Context<AppEnv>, disableError: MessageKey | null, status: 200 | 401 | 422 = 200) {
    const state = await totpStateOf(c);
    const notice = c.req.query('eingeschaltet') ? 'enabled' : c.req.query('ausgeschaltet') ? 'disabled' : null;
    const { user, csrfToken } = session(c);
    return c.html(<AccountPage page={pageFor(c)} data={{ user, csrfToken, enabledAt: state.enabledAt, notice: disableError ? null : notice, disableError }} />, status);
  }

  async function renderSetup(c: Context<AppEnv>, error: MessageKey | null, status: 200 | 401 | 422 = 200) {
    const state = await totpStateOf(c);
    if (!state.secret || state.enabledAt) return c.redirect(pageFor(c).href(ACCOUNT_PATH), 303);
    const { user, csrfToken } = session(c);
    const data = { user, csrfToken, qrDataUrl: await qrDataUrl(otpauthUri(state.login, state.secret)), groupedSecret: groupSecret(state.secret), error };
    return c.html(<SetupPage page={pageFor(c)} data={data} />, status);
  }

  app.get(ACCOUNT_PATH, (c) => renderAccount(c, null));

  // Starting the set-up writes a new secret, so it is a POST; the page that shows it is a GET.
  app.post(`${SETUP_PATH}/einrichten`, async (c) => {
    if (!(await storePendingTotpSecret(ctx.db, session(c).user.id, newTotpSecret()))) throw new UserError(409, 'staff.account.error.noSetup');
    return c.redirect(pageFor(c).href(SETUP_PATH), 303);
  });

  app.get(SETUP_PATH, (c) => renderSetup(c, null));

  app.post(`${SETUP_PATH}/bestaetigen`, async (c) => {
    const { user } = session(c);
    const state = await totpStateOf(c);
    if (!state.secret || state.enabledAt) throw new UserError(409, 'staff.account.error.noSetup');
    const now = ctx.clock.now();
    const body = await parseFormBody(c);
    const check = await checkCode(ctx.db, {
      staffId: user.id,
      keys: codeKeysOf(c, now),
      code: body['code'],
      now,
      use: (step) => enableTotp(ctx.db, user.id, step, now.toISOString()),
    });
    const refused = refusal(check);
    if (refused) return refused === 'throttled' ? throttled(check) : renderSetup(c, refused.key, refused.status);
    // A session opened elsewhere with the password alone (perhaps the reason for switching the factor on) ends now.
    const ended = await endOtherSessions(ctx.db, user.id, session(c).id, now.toISOString());
    ctx.logger.info('staff second factor enabled', { staff: user.id, endedSessions: ended });
    return c.redirect(pageFor(c).href(`${ACCOUNT_PATH}?eingeschaltet=1`), 303);
  });

  app.post(`${SETUP_PATH}/abschalten`, async (c) => {
    const { user } = session(c);
    const state = await totpStateOf(c);
    if (!state.enabledAt) return c.redirect(pageFor(c).href(ACCOUNT_PATH), 303);
    const now = ctx.clock.now();
    const given = (await parseFormBody(c))['bestaetigung'];
    const value = typeof given === 'string' ? given : '';
    if (!value) return renderAccount(c, 'staff.account.error.confirmMissing', 422);
    // Six digits are taken as a code (no allowed password is that short), anything else as the password.
    let confirmed: boolean;
    if (normalizeCode(value)) {
      const check = await checkCode(ctx.db, { staffId: user.id, keys: codeKeysOf(c, now), code: value, now });
      if (check.result === 'throttled') return throttled(check);
      confirmed = check.result === 'ok';
    } else {
      // Password guesses here count like wrong codes: a stolen session must not guess its way to switching the factor off.
      // Counted before the check (parallel guesses must not all get through); a right password is then
      // not counted at all, and resets nothing.
      const attempt = await claimAttempt(ctx.db, codeKeysOf(c, now), now);
      if (attempt.status === 'throttled') return throttled({ result: 'throttled', seconds: attempt.seconds });
      confirmed = value.length <= PASSWORD_MAX * 4 && (await verifyPassword(value, state.passwordHash));
      if (confirmed) await attemptNotCounted(ctx.db, attempt);
    }
    if (!confirmed) return renderAccount(c, 'staff.account.error.confirmWrong', 401);
    await disableTotp(ctx.db, user.id);
    ctx.logger.info('staff second factor disabled', { staff: user.id });
    return c.redirect(pageFor(c).href(`${ACCOUNT_PATH}?ausgeschaltet=1`), 303);
  });

  return app;
}

function refusal(check: CodeCheck): null | 'throttled' | { key: MessageKey; status: 401 | 422 } {
  if (check.result === 'ok') return null;
  if (check.result === 'throttled') return 'throttled';
  return check.result === 'malformed' ? { key: 'staff.account.error.codeMalformed', status: 422 } : { key: 'staff.account.error.codeWrong', status: 401 };
}

function throttled(check: CodeCheck): never {
  const seconds = check.result === 'throttled' ? check.seconds : 60;
  throw new UserError(429, 'staff.account.codeThrottled', { minutes: Math.ceil(seconds / 60) }, { retryAfterSeconds: seconds, titleKey: 'staff.account.codeThrottledTitle' });
}
