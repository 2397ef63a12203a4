// Login throttling under parallel requests: the limits (5 failures per account, 20 per client in 15
// minutes) must hold when all the guesses arrive at once, not only one after the other. Every request
// claims its attempt before the password is checked (server/staff/login-throttle.ts), so a burst gets
// at most the limit's number of answers 401 and 429 for the rest, the right password included.
import { describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_CLIENT } from '../../server/staff/login-throttle.ts';
import { startTestServer } from '../browser/server.ts';
import { createTestApp } from '../helpers.ts';
import { addStaff, TEST_PASSWORD } from '../staff-helpers.ts';
import { codeNow, cookieOf, csrfIn, postLogin, withCookie, withSecondFactor } from '../staff-account/helpers.ts';

const PARALLEL = 40;
/** Where the right password sits among the 40: neither first nor last, after the limits are used up. */
const RIGHT_AT = 27;

type Fetch = (path: string, init?: RequestInit) => Promise<Response>;

/** One login form's token per attempt, fetched as a browser would before pressing the button. */
async function tokens(fetchIt: Fetch, count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(/name="token" value="([^"]+)"/.exec(await (await fetchIt('/intern/anmelden')).text())![1]!);
  return out;
}

/** Fires all logins at once and returns their statuses in the order they were given. */
async function burst(fetchIt: Fetch, attempts: Array<{ login: string; password: string }>): Promise<number[]> {
  const forms = await tokens(fetchIt, attempts.length);
  const responses = await Promise.all(
    attempts.map(({ login, password }, i) =>
      fetchIt('/intern/anmelden', {
        method: 'POST',
        body: new URLSearchParams({ token: forms[i]!, login, password }),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        redirect: 'manual',
      }),
    ),
  );
  await Promise.all(responses.map((r) => r.arrayBuffer()));
  return responses.map((r) => r.status);
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

/** 39 wrong passwords and the right one, for one account. */
function oneAccount(login: string) {
  return Array.from({ length: PARALLEL }, (_, i) => ({ login, password: i === RIGHT_AT ? TEST_PASSWORD : `falsch geraten ${i} xyz` }));
}

/** 40 different logins (39 unknown ones and a real account with its right password), one client. */
function manyAccounts(login: string) {
  return Array.from({ length: PARALLEL }, (_, i) => (i === RIGHT_AT ? { login, password: TEST_PASSWORD } : { login: `geraten-${i}`, password: `falsch geraten ${i} xyz` }));
}

function viaApp(app: App): Fetch {
  return async (path, init) => app.request(path, init);
}

describe('login throttling under parallel requests (app.request)', () => {
  it('40 simultaneous logins against one account: at most 5 passwords are checked, the rest get 429, the right one among them does not log in', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    const statuses = await burst(viaApp(app), oneAccount('chefin'));
    expect(count(statuses, 401)).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(count(statuses, 401) + count(statuses, 429)).toBe(PARALLEL);
    expect(statuses[RIGHT_AT]).toBe(429);
    expect(await ctx.db.selectFrom('staff_sessions').selectAll().execute()).toHaveLength(0);
    // The failures recorded are the ones that were checked, no more.
    const failures = await ctx.db.selectFrom('login_attempts').select('key').where('success', '=', 0).where('key', 'like', 'account:%').execute();
    expect(failures).toHaveLength(count(statuses, 401));
  });

  it('40 simultaneous logins for 40 different accounts from one client: at most 20 are checked, the right password among the rest does not log in', async () => {
    const { app, ctx } = await createTestApp();
    await addStaff(ctx, { role: 'admin', login: 'chefin' });
    const statuses = await burst(viaApp(app), manyAccounts('chefin'));
    expect(count(statuses, 401)).toBeLessThanOrEqual(MAX_FAILURES_PER_CLIENT);
    expect(count(statuses, 401) + count(statuses, 429)).toBe(PARALLEL);
    expect(statuses[RIGHT_AT]).toBe(429);
    expect(await ctx.db.selectFrom('staff_sessions').selectAll().execute()).toHaveLength(0);
  });
});

describe('code throttling under parallel requests', () => {
  it('40 simultaneous codes for one pending login: at most 5 are checked, the right one among the throttled does not get in', async () => {
    const { app, ctx } = await createTestApp();
    const staff = await addStaff(ctx, { role: 'admin', login: 'chefin' });
    await withSecondFactor(ctx, staff.id);
    const request = withCookie(app, cookieOf(await postLogin(app, 'chefin', TEST_PASSWORD)));
    const csrf = csrfIn(await (await request('/intern/anmelden/code')).text());
    const right = codeNow(ctx);
    const codes = Array.from({ length: PARALLEL }, (_, i) => (i === RIGHT_AT ? right : String((Number(right) + 1 + i * 7919) % 1_000_000).padStart(6, '0')));
    const responses = await Promise.all(codes.map((code) => request('/intern/anmelden/code', { method: 'POST', body: new URLSearchParams({ csrf, code }) })));
    const statuses = responses.map((r) => r.status);
    expect(count(statuses, 401)).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(count(statuses, 401) + count(statuses, 429)).toBe(PARALLEL);
    expect(statuses[RIGHT_AT]).toBe(429);
  });
});

describe('login throttling under parallel requests (real socket)', () => {
  it('40 simultaneous logins over HTTP against one account: at most 5 checked, the right one among the throttled does not log in', async () => {
    const server = await startTestServer();
    try {
      await addStaff(server.ctx, { role: 'admin', login: 'chefin' });
      const statuses = await burst((path, init) => fetch(server.url + path, init), oneAccount('chefin'));
      expect(count(statuses, 401)).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
      expect(count(statuses, 401) + count(statuses, 429)).toBe(PARALLEL);
      expect(statuses[RIGHT_AT]).toBe(429);
      expect(await server.ctx.db.selectFrom('staff_sessions').selectAll().execute()).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
