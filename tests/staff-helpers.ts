// Staff accounts and logged-in requests for tests. Accounts are written straight into the database
// with one password hash computed once per test file (scrypt is deliberately slow); sessions are
// started directly, so that only the login tests pay for logging in through the form.
import { createStaff } from '../db/staff.ts';
import type { StaffRole } from '../db/schema.ts';
import type { App } from '../server/app.ts';
import type { AppContext } from '../server/context.ts';
import { hashPassword } from '../server/staff/passwords.ts';
import { sessionCookieName, startSession } from '../server/staff/sessions.ts';
import { departmentId } from './helpers.ts';

export const TEST_PASSWORD = 'Rheinufer am Fischtor 2026';

let testHash: Promise<string> | null = null;

export async function addStaff(ctx: AppContext, options: { role: StaffRole; departments?: string[]; login?: string; name?: string }) {
  testHash ??= hashPassword(TEST_PASSWORD);
  const departmentIds = await Promise.all((options.departments ?? []).map((slug) => departmentId(ctx.db, slug)));
  const login = options.login ?? `${options.role}-${(options.departments ?? []).join('-') || 'all'}`;
  return createStaff(ctx.db, { login, displayName: options.name ?? `Test ${login}`, passwordHash: await testHash, role: options.role, departmentIds, now: ctx.clock.now().toISOString() });
}

/** A live session for the account: the Cookie header value and the CSRF token for forms. */
export async function sessionFor(ctx: AppContext, staffId: number) {
  const { token, csrfToken } = await startSession(ctx.db, ctx.config.secret, staffId, ctx.clock.now());
  return { cookie: `${sessionCookieName(ctx.config)}=${token}`, csrfToken };
}

/** app.request with a staff session's cookie on every request. */
export async function asStaff(app: App, ctx: AppContext, options: Parameters<typeof addStaff>[1] = { role: 'admin' }) {
  const staff = await addStaff(ctx, options);
  const session = await sessionFor(ctx, staff.id);
  return {
    staff,
    ...session,
    request(path: string, init: RequestInit = {}) {
      const headers = new Headers(init.headers);
      headers.set('Cookie', session.cookie);
      return app.request(path, { ...init, headers });
    },
  };
}
